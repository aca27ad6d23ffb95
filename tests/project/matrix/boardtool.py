"""The permission matrix's rows for board assurance reviews and board packs."""

from django.urls import reverse

from tests.boardtool.factories import pack_in
from tests.project.matrix.records import REVIEW_STATES, make_review, plain, record_rows, record_url
from tests.project.matrix.rules import (
    EDITORS,
    MEMBERS,
    NOT_OURS,
    SHARED,
    check_and_submit,
    draft_form,
    get_and_post,
    logged_in,
    new_version_post,
    organisation_page,
    record_page,
    reviewable,
)

PACK_STATES = ["queued", "failed", "done"]
PACK_BUILDERS = {"board_secretary", "organisation_admin", "superuser"}
PACK_BUILDERS_PAGE = logged_in(403, board_secretary="ok", organisation_admin="ok", superuser="ok")


def pack_url(name):
    return lambda cast, state: reverse(
        f"boardtool:{name}", args=[pack_in(cast.organisation, state=state, by=cast.author).pk]
    )


review_url = record_url("boardtool", make_review)


# url name: (states, url maker, {method: rule})
ROWS = {
    **record_rows("boardtool", REVIEW_STATES, review_url),
    "boardtool:scorecard": (REVIEW_STATES, review_url("scorecard"), {"GET": record_page()}),
    **{
        name: (REVIEW_STATES, review_url(*args), draft_form(EDITORS))
        for name, args in [
            ("boardtool:details", ("details",)),
            ("boardtool:cell", ("cell", 1)),
        ]
    },
    "boardtool:check": (REVIEW_STATES, review_url("check"), check_and_submit(EDITORS)),
    **{
        f"boardtool:{name}": (
            REVIEW_STATES,
            review_url(name),
            {"GET": reviewable(), "POST": record_page(allowed={"approver", "superuser"})},
        )
        for name in ["approve", "return"]
    },
    "boardtool:packs": ([None], plain("boardtool:packs"), {"GET": logged_in()}),
    "boardtool:pack_new": ([None], plain("boardtool:pack_new"), get_and_post(PACK_BUILDERS_PAGE)),
    "boardtool:pack": (PACK_STATES, pack_url("pack"), {"GET": organisation_page()}),
    "boardtool:pack_download": (
        PACK_STATES,
        pack_url("pack_download"),
        {
            "GET": record_page(
                allowed=MEMBERS | {"system_member", "superuser"},
                outcome=lambda state: "ok" if state == "done" else 404,
                outsiders=NOT_OURS | SHARED,
            )
        },
    ),
    "boardtool:pack_retry": (
        PACK_STATES,
        pack_url("pack_retry"),
        get_and_post(organisation_page(allowed=PACK_BUILDERS)),
    ),
    "boardtool:new_version": (
        REVIEW_STATES,
        review_url("new_version"),
        get_and_post(record_page(allowed=EDITORS, outcome=new_version_post)),
    ),
}
