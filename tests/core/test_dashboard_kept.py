"""The dashboard keeps the panels it built for a scope while nothing they count has changed:
a kept dashboard reads no record; each kind of change a panel counts, in any of the scope's
organisations, is shown at the next view; a change rolled back leaves what was kept."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from idmf.core.dashboard_kept import marks_of
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.boardtool.factories import ReviewFactory
from tests.boardtool.factories import approved as approved_review
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, authorised, fully_graded
from tests.evidence.factories import uptake_table, with_figures
from tests.html import text_of

pytestmark = pytest.mark.django_db
RECORD_TABLES = ["assessments_", "decisions_", "eds_", "boardtool_", "evidence_", '"core_action"']


def shown(client, **params) -> str:
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    page = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", text_of(response))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_a_kept_dashboard_reads_no_record(client_for, cast):
    ActionFactory(
        organisation=cast.organisation, due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    client = client_for(cast.viewer)
    with CaptureQueriesContext(connection) as built:
        first = shown(client)
    with CaptureQueriesContext(connection) as kept:
        assert shown(client) == first
    read = " ".join(query["sql"] for query in kept.captured_queries)
    assert not [table for table in RECORD_TABLES if table in read], read
    assert len(kept) < len(built) - 10


def overdue_action(cast):
    ActionFactory(
        organisation=cast.organisation, due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    return "Overdue actions 1 of 1 open action"


def approved_ehiira_behind_a_decision(cast):
    """The decision's own row does not change: its EHIIRA's approval does, and the EHIIRA
    is a partner organisation's."""
    ehiira = AssessmentFactory(organisation=cast.sibling, created_by=cast.author)
    submitted(ehiira, by=cast.author)
    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1, 2, 3, 4, 5)
    record.assessment, record.decision_date = (
        ehiira,
        timezone.localdate() + datetime.timedelta(days=1),
    )
    record.save()
    return ehiira


def approving(cast, ehiira):
    approved(ehiira, by=cast.approver)
    return "1 of 1 decision made with the EHIIRA approved by the decision date"


def approved_board_review(cast):
    review = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
    approved_review(review, author=cast.author, approver=cast.approver)
    return "cells assured, 0 not assured"


def authorised_eds_report(cast):
    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(report, by=cast.author, per_service=(1, 1), others=1)
    authorised(report, author=cast.author, approver=cast.approver)
    return f"{cast.organisation.short_name or cast.organisation.name} {report.year}"


def tracked_gap(cast):
    with_figures(
        uptake_table(cast.organisation, by=cast.author), [290, 310, 330, 360, 390], by=cast.author
    )
    return "1 indicator"


@pytest.mark.parametrize(
    "change",
    [
        overdue_action,
        approved_board_review,
        authorised_eds_report,
        tracked_gap,
    ],
)
def test_each_change_a_panel_counts_is_shown_at_the_next_view(client_for, cast, change):
    client = client_for(cast.viewer)
    before = shown(client)
    expected = change(cast)
    assert expected not in before
    assert expected in shown(client)


def test_an_ehiira_approved_after_its_decision_was_counted(client_for, cast):
    ehiira = approved_ehiira_behind_a_decision(cast)
    client = client_for(cast.viewer)
    assert "0 of 1 decision made" in shown(client)
    assert approving(cast, ehiira) in shown(client)


def tables_read(client) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        shown(client)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    return {table for table in RECORD_TABLES if table in read}


def test_a_change_counts_again_only_the_panels_that_count_it(client_for, cast):
    client = client_for(cast.viewer)
    shown(client)
    assert tables_read(client) == set()
    overdue_action(cast)
    # The actions panel, and the EHIIRAs' (their cumulative impact counts actions raised).
    assert tables_read(client) == {'"core_action"', "assessments_"}
    assert tables_read(client) == set()
    renamed = cast.organisation
    renamed.name = "Renamed Community Trust"
    renamed.save()
    assert tables_read(client) == set(RECORD_TABLES)


def overdue_by_organisation(client, **params) -> list[str]:
    panels = client.get(reverse("dashboard"), params).context["panels"]
    (actions,) = [panel for panel in panels if panel.key == "actions"]
    return [bar.label for bar in actions.context["chart"].bars]


def test_a_renamed_organisation_is_named_anew(client_for, cast):
    overdue_action(cast)
    client = client_for(cast.viewer)
    assert overdue_by_organisation(client) == [cast.organisation.name]
    cast.organisation.name = "Renamed Community Trust"
    cast.organisation.save()
    assert overdue_by_organisation(client) == ["Renamed Community Trust"]


def test_a_change_in_another_organisation_of_the_system_is_shown_in_the_systems_view(
    client_for, cast
):
    client = client_for(cast.system_member)
    system = f"system-{cast.organisation.system_id}"
    assert overdue_by_organisation(client, scope=system) == []
    ActionFactory(
        organisation=cast.sibling, due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert overdue_by_organisation(client, scope=system) == [cast.sibling.name]


def test_a_change_rolled_back_leaves_the_mark_and_what_was_kept(client_for, cast):
    client = client_for(cast.viewer)
    page = shown(client)
    marks = marks_of([cast.organisation.pk])
    with pytest.raises(RuntimeError), transaction.atomic():
        overdue_action(cast)
        assert marks_of([cast.organisation.pk]) != marks
        raise RuntimeError("changed my mind")
    assert marks_of([cast.organisation.pk]) == marks
    with CaptureQueriesContext(connection) as kept:
        assert shown(client) == page
    assert not any('"core_action"' in query["sql"] for query in kept.captured_queries)
