"""The permission matrix's rows for EDS reports."""

from tests.project.matrix.records import EDS_STATES, make_eds_report, plain, record_rows, record_url
from tests.project.matrix.rules import (
    check_and_submit,
    draft_form,
    everyone,
    get_and_post,
    logged_in,
    record_page,
    reviewable,
)

EDS_DRAFTERS = {"author", "approver", "co_author", "superuser"}  # the EDS lead's team
EDS_APPROVERS = {"approver", "superuser"}


eds_url = record_url("eds", make_eds_report)


def in_states(*states):
    return lambda state: "ok" if state in states else 403


def public_eds(actor, state):
    return "ok" if state == "published" else 404


# url name: (states, url maker, {method: rule})
ROWS = {
    **record_rows(
        "eds",
        EDS_STATES,
        eds_url,
        new=logged_in(403, author="ok", approver="ok", superuser="ok", outsider="ok"),
    ),
    "eds:scoring": ([None], plain("eds:scoring"), {"GET": everyone("ok")}),
    "eds:public_register": ([None], plain("eds:public_register"), {"GET": everyone("ok")}),
    "eds:public_report": (EDS_STATES, eds_url("public_report"), {"GET": public_eds}),
    "eds:public_report_pdf": (EDS_STATES, eds_url("public_report_pdf"), {"GET": public_eds}),
    "eds:score_card": (EDS_STATES, eds_url("score_card"), {"GET": record_page()}),
    "eds:page": (EDS_STATES, eds_url("page", "domain-2"), draft_form(EDS_DRAFTERS)),
    "eds:check": (EDS_STATES, eds_url("check"), check_and_submit(EDS_DRAFTERS)),
    **{
        f"eds:{name}": (
            EDS_STATES,
            eds_url(name),
            {"GET": reviewable(), "POST": record_page(allowed=EDS_APPROVERS)},
        )
        for name in ["authorise", "return"]
    },
    **{
        f"eds:{name}": (
            EDS_STATES,
            eds_url(name),
            {
                "GET": record_page(allowed=EDS_APPROVERS, outcome=in_states(opens_in)),
                "POST": record_page(
                    allowed=EDS_APPROVERS, outcome=in_states("authorised", "published")
                ),
            },
        )
        for name, opens_in in [("publish", "authorised"), ("unpublish", "published")]
    },
    **{
        f"eds:{name}": (
            EDS_STATES,
            eds_url(name),
            get_and_post(
                record_page(allowed=EDS_DRAFTERS, outcome=in_states("authorised", "published"))
            ),
        )
        for name in ["next_year", "new_version"]
    },
}
