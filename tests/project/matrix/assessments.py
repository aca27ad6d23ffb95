"""The permission matrix's rows for EHIIRA assessments."""

from tests.project.matrix.records import ASSESSMENT_STATES, make_assessment, plain, record_url
from tests.project.matrix.rules import (
    EDITORS,
    check_and_submit,
    creator_page,
    draft_form,
    get_and_post,
    logged_in,
    new_version_post,
    record_page,
    reviewable,
)

assessment_url = record_url("assessments", make_assessment)


# url name: (states, url maker, {method: rule})
ROWS = {
    "assessments:index": ([None], plain("assessments:index"), {"GET": logged_in()}),
    "assessments:new": ([None], plain("assessments:new"), get_and_post(creator_page())),
    "assessments:detail": (ASSESSMENT_STATES, assessment_url("detail"), {"GET": record_page()}),
    "assessments:section": (
        ASSESSMENT_STATES,
        assessment_url("section", "about"),
        draft_form(EDITORS),
    ),
    "assessments:check": (ASSESSMENT_STATES, assessment_url("check"), check_and_submit(EDITORS)),
    "assessments:approve": (
        ASSESSMENT_STATES,
        assessment_url("approve"),
        {"GET": reviewable(), "POST": reviewable(done="approved")},
    ),
    "assessments:return": (
        ASSESSMENT_STATES,
        assessment_url("return"),
        get_and_post(reviewable()),
    ),
    "assessments:new_version": (
        ASSESSMENT_STATES,
        assessment_url("new_version"),
        {
            "GET": record_page(allowed=EDITORS),
            "POST": record_page(allowed=EDITORS, outcome=new_version_post),
        },
    ),
    "assessments:pdf": (ASSESSMENT_STATES, assessment_url("pdf"), {"GET": record_page()}),
    "assessments:history": (ASSESSMENT_STATES, assessment_url("history"), {"GET": record_page()}),
}
