"""The permission matrix's rows for EHIIRA assessments."""

from tests.project.matrix.records import ASSESSMENT_STATES, make_assessment, record_rows, record_url
from tests.project.matrix.rules import (
    EDITORS,
    check_and_submit,
    draft_form,
    get_and_post,
    new_version_post,
    record_page,
    reviewable,
)

assessment_url = record_url("assessments", make_assessment)


# url name: (states, url maker, {method: rule})
ROWS = {
    **record_rows("assessments", ASSESSMENT_STATES, assessment_url),
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
}
