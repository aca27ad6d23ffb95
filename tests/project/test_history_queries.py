"""Every history page reads the same number of queries however long the history grows:
each record starts with one of each of its parts, then many more saves are made."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from idmf.actions import services as action_services
from idmf.actions.models import Action
from tests.assessments.factories import AssessmentFactory, complete_stage1
from tests.boardtool.factories import ReviewFactory, rate
from tests.core.factories import ActionFactory, MembershipFactory, ServiceFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, fully_graded, grade


def edited(instance, *, by, reason, **values):
    for name, value in values.items():
        setattr(instance, name, value)
    instance._history_user = by
    instance._change_reason = reason
    instance.save()


def assessment(cast):
    record = complete_stage1(
        AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    )
    record.services.add(ServiceFactory(organisation=cast.organisation))

    def grow():
        for n in range(5):
            edited(record, by=cast.author, reason="Details saved", title=f"Title {n}")
            record.services.add(ServiceFactory(organisation=cast.organisation))
            for answer in record.answers.all():
                edited(answer, by=cast.author, reason="Answers saved", rationale=f"Said {n}")

    return reverse("assessments:history", args=[record.pk]), grow


def decision(cast):
    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1)
    record.services.add(ServiceFactory(organisation=cast.organisation))

    def grow():
        complete_steps(record, 2, 3, 5, 6)
        for n in range(5):
            edited(record, by=cast.author, reason="Step saved", aims=f"Aim {n}")
            record.services.add(ServiceFactory(organisation=cast.organisation))

    return reverse("decisions:history", args=[record.pk]), grow


def eds_report(cast):
    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(report, by=cast.author)

    def grow():
        for n in range(4):
            grade(report, {"2A": 2, "2B": 1, "3A": 3}, by=cast.author, evidence=f"Seen {n}")

    return reverse("eds:history", args=[report.pk]), grow


def board_review(cast):
    review = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
    rate(review, {"K1P1": "assured"}, by=cast.author)
    rate(review, {"K1P1": "not_assured"}, by=cast.author)  # a rating changed, once

    def grow():
        for n in range(3):
            rate(
                review,
                {"K1P1": "partially_assured", "K2P2": "assured", "K3P3": "not_assured"},
                by=cast.author,
                evidence=f"Minutes {n}",
            )

    return reverse("boardtool:history", args=[review.pk]), grow


def action(cast):
    made = ActionFactory(organisation=cast.organisation, created_by=cast.author)

    def grow():
        for n in range(6):
            fresh = Action.objects.get(pk=made.pk)
            action_services.update_action(
                action=fresh,
                status=fresh.status,
                note=f"Progress {n}",
                opened=fresh.status,
                by=cast.author,
            )

    return reverse("action_history", args=[made.pk]), grow


def organisation(cast):
    ServiceFactory(organisation=cast.organisation)

    def grow():
        for n in range(6):
            ServiceFactory(organisation=cast.organisation, name=f"Clinic {n}")
            MembershipFactory(organisation=cast.organisation, user=UserFactory())
            edited(
                cast.organisation, by=cast.organisation_admin, reason="Renamed", name=f"Trust {n}"
            )

    return reverse("organisation_history", args=[cast.organisation.pk]), grow


@pytest.mark.parametrize(
    "record", [assessment, decision, eds_report, board_review, action, organisation]
)
def test_history_page_queries_do_not_grow_with_history(client_for, cast, queries_for, record):
    url, grow = record(cast)
    client = client_for(cast.approver)
    before = queries_for(client, url)
    grow()
    assert queries_for(client, url) == before


@pytest.mark.parametrize(
    "record, parts",
    [
        (assessment, ["assessments_stage1answer", "assessments_personresponsible"]),
        (decision, ["decisions_decisionstep", "decisions_decisionrecord_services"]),
    ],
)
def test_a_history_page_reads_its_parts_history_not_the_parts_as_they_are(
    client_for, cast, record, parts
):
    url, grow = record(cast)
    grow()
    with CaptureQueriesContext(connection) as context:
        page = client_for(cast.approver).get(url)
    assert page.status_code == 200
    read = " ".join(query["sql"] for query in context.captured_queries)
    for table in parts:
        assert f'"{table}"' not in read, table
        assert f'"{table.replace("_", "_historical", 1)}"' in read, table
