"""The permission matrix's rows for equity evidence: an organisation's tables, which members
read and authors edit, and which are not shared record by record."""

from django.urls import reverse

from tests.evidence.factories import uptake_table
from tests.project.matrix.records import plain
from tests.project.matrix.rules import (
    creator_page,
    get_and_post,
    logged_in,
    organisation_page,
)

EDITORS = {"author", "superuser"}


def table_url(name):
    def make(cast, state):
        table = uptake_table(cast.organisation, by=cast.author)
        return reverse(f"evidence:{name}", args=[table.pk])

    return make


ROWS = {
    "evidence:list": ([None], plain("evidence:list"), {"GET": logged_in()}),
    "evidence:new": ([None], plain("evidence:new"), get_and_post(creator_page())),
    # Organisation admins set the thresholds of their organisation.
    "evidence:settings": (
        [None],
        lambda cast, state: reverse("evidence:settings", args=[cast.organisation.pk]),
        get_and_post(organisation_page(allowed={"organisation_admin", "superuser"})),
    ),
    "evidence:detail": ([None], table_url("detail"), {"GET": organisation_page()}),
    "evidence:details": (
        [None],
        table_url("details"),
        get_and_post(organisation_page(allowed=EDITORS)),
    ),
    "evidence:figures": (
        [None],
        table_url("figures"),
        get_and_post(organisation_page(allowed=EDITORS)),
    ),
    # A GET of the upload address goes back to the figures page (a redirect, for editors).
    "evidence:upload": (
        [None],
        table_url("upload"),
        get_and_post(organisation_page(allowed=EDITORS)),
    ),
    "evidence:next_period": (
        [None],
        table_url("next_period"),
        get_and_post(organisation_page(allowed=EDITORS)),
    ),
    "evidence:template": (
        [None],
        table_url("template"),
        {"GET": organisation_page(allowed=EDITORS)},
    ),
    "evidence:export": ([None], table_url("export"), {"GET": organisation_page()}),
    "evidence:history": ([None], table_url("history"), {"GET": organisation_page()}),
}
