"""The pages without a query-count test of their own make as many queries with many records
as with one of each (the lists, records and history pages of each tool have theirs)."""

import pytest
from django.urls import reverse

from tests.boardtool.factories import ReviewFactory, pack_in
from tests.core.factories import ActionFactory, OrganisationFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory
from tests.publishing.test_register import published_of_each


def more_of_each(cast, n):
    """Records of every kind, published and not, in our organisation and in another."""
    for organisation in (cast.organisation, OrganisationFactory(system=cast.organisation.system)):
        ReviewFactory(organisation=organisation, created_by=cast.author)
        pack_in(organisation, state="done", by=cast.board_secretary)
        ActionFactory(organisation=organisation, created_by=cast.author, assignee=cast.author)
        EdsReportFactory(organisation=organisation, created_by=cast.author)
        decision = DecisionRecordFactory(
            organisation=organisation, created_by=cast.author, title=f"Clinic move {n}"
        )
        complete_steps(decision, 1, 2, 3, 4, 5, 6)
        decision.published = True
        decision.save()


PAGES = [
    ("board reviews", "viewer", lambda cast: reverse("boardtool:index")),
    ("packs", "board_secretary", lambda cast: reverse("boardtool:packs")),
    ("organisations", "system_member", lambda cast: reverse("organisation_list")),
    ("an action", "author", lambda cast: reverse("action_detail", args=[cast.action.pk])),
    ("published decisions", None, lambda cast: reverse("public_register")),
    ("published EDS reports", None, lambda cast: reverse("eds:public_register")),
    (
        "an organisation on the register",
        None,
        lambda cast: reverse("register_organisation", args=[cast.organisation.pk]),
    ),
    (
        "a system on the register",
        None,
        lambda cast: reverse("register_system", args=[cast.organisation.system_id]),
    ),
    ("the register, searched", None, lambda cast: reverse("register") + "?q=ICB"),
]


@pytest.mark.parametrize(("page", "who", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_page_queries_do_not_grow_with_records(
    client, client_for, cast, queries_for, page, who, url
):
    published_of_each(cast)
    cast.action = ActionFactory(
        organisation=cast.organisation, created_by=cast.author, assignee=cast.author
    )
    more_of_each(cast, 0)
    visitor = client_for(getattr(cast, who)) if who else client
    few = queries_for(visitor, url(cast))
    for n in range(1, 5):
        more_of_each(cast, n)
    assert queries_for(visitor, url(cast)) == few
