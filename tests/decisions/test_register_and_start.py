"""Starting a decision record, and the register of them: scoped and filtered, with its
overdue page; the register's and a record's page's queries do not grow with what they
show."""

import datetime

from django.urls import reverse

from idmf.decisions.models import DecisionRecord
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps


def test_register_is_scoped(client_for, cast, record):
    DecisionRecordFactory(organisation=cast.other, title="Other system decision")
    page = client_for(cast.viewer).get(reverse("decisions:index")).content.decode()
    assert record.title in page and "Other system decision" not in page


def test_start_a_record(client_for, cast):
    response = client_for(cast.author).post(
        reverse("decisions:new"),
        {
            "organisation": cast.organisation.pk,
            "title": "Relocate clinic",
            "kind": "service_change",
        },
    )
    record = DecisionRecord.objects.get(title="Relocate clinic")
    assert response["Location"] == reverse("decisions:step", args=[record.pk, 1])


def test_register_filters_and_overdue_page(client_for, cast):
    overdue = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="Overdue review"),
        1,
        2,
        3,
        4,
        5,
        6,
    )
    overdue.review_date = datetime.date.today() - datetime.timedelta(days=1)
    overdue.decision = "stop"
    overdue.save()
    at_step_2 = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="At step two"), 1
    )
    at_step_2.review_date = datetime.date.today() + datetime.timedelta(days=10)
    at_step_2.save()
    client = client_for(cast.viewer)

    def titles(url, **params):
        page = client.get(url, params).content.decode()
        return {t for t in ("Overdue review", "At step two") if t in page}

    index = reverse("decisions:index")
    assert titles(index) == {"Overdue review", "At step two"}
    assert titles(index, step="2") == {"At step two"}
    assert titles(index, step="complete") == {"Overdue review"}
    assert titles(index, decision="stop") == {"Overdue review"}
    assert titles(index, review="overdue") == {"Overdue review"}
    assert titles(index, review="due") == {"At step two"}
    assert titles(index, q="two") == {"At step two"}
    assert titles(reverse("decisions:overdue")) == {"Overdue review"}


def test_register_query_count_does_not_grow(client_for, cast, queries_for):
    client = client_for(cast.viewer)
    DecisionRecordFactory(organisation=cast.organisation)
    before = queries_for(client, reverse("decisions:index"))
    for _ in range(10):
        complete_steps(DecisionRecordFactory(organisation=cast.organisation), 1, 2)
    assert queries_for(client, reverse("decisions:index")) == before


def test_record_page_query_count_does_not_grow(client_for, cast, record, queries_for):
    client = client_for(cast.viewer)
    url = reverse("decisions:detail", args=[record.pk])
    before = queries_for(client, url)
    complete_steps(record, 1, 2, 3)
    for n in range(4):
        ActionFactory(organisation=cast.organisation, title=f"a{n}", source=record)
    assert queries_for(client, url) == before
