"""A button pressed twice (or by two people at once) never gives a 500 and never does the
thing twice: the second request is told it is already done. Run on SQLite and PostgreSQL,
with the requests really concurrent (one thread and one database connection each)."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from idmf.decisions.models import DecisionStep
from tests.assessments.factories import AssessmentFactory, approved, complete_stage1
from tests.decisions.factories import STEP_VALUES, DecisionRecordFactory, complete_steps

PRESSES = 4


def press_together(user, url, data) -> list[int]:
    """POST the same form `PRESSES` times at once; the status of each response."""
    barrier = threading.Barrier(PRESSES)
    statuses = []

    def press():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press) for _ in range(PRESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def reasons(history, reason) -> int:
    return history.filter(history_change_reason=reason).count()


@pytest.fixture
def draft(cast):
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    complete_stage1(assessment)
    return assessment


@pytest.mark.django_db(transaction=True)
def test_submit_pressed_at_once(cast, draft):
    statuses = press_together(cast.author, reverse("assessments:check", args=[draft.pk]), {})
    assert statuses == [302] * PRESSES
    assert reasons(draft.history, "Submitted for approval") == 1
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("button,reason", [("approve", "Approved"), ("return", "Returned")])
def test_approve_or_return_pressed_at_once(cast, draft, button, reason):
    services.submit_assessment(assessment=draft, by=cast.author)
    data = {"comment": "Checked", "approver_role": "E&I Business Partner"}
    statuses = press_together(
        cast.approver, reverse(f"assessments:{button}", args=[draft.pk]), data
    )
    assert statuses == [302] * PRESSES
    rows = draft.history.filter(history_change_reason__startswith=reason).count()
    assert rows == 1


@pytest.mark.django_db(transaction=True)
def test_new_version_pressed_at_once(cast, draft):
    services.submit_assessment(assessment=draft, by=cast.author)
    approved(draft, by=cast.approver)
    statuses = press_together(cast.author, reverse("assessments:new_version", args=[draft.pk]), {})
    assert statuses == [302] * PRESSES
    assert Assessment.objects.filter(previous_version=draft).count() == 1


@pytest.mark.django_db(transaction=True)
def test_complete_step_pressed_at_once(cast):
    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1)
    record.refresh_from_db()
    data = {"version": record.version, "evidence_notes": "", "complete": "1"}
    data |= STEP_VALUES[2]
    statuses = press_together(cast.author, reverse("decisions:step", args=[record.pk, 2]), data)
    # One completes it; the others are told it is done, or that the page was stale.
    assert all(status in {200, 302} for status in statuses), statuses
    assert statuses.count(302) >= 1
    step = DecisionStep.objects.get(record=record, number=2)
    assert step.is_complete
    assert reasons(step.history, "Step 2 completed") == 1


@pytest.mark.django_db(transaction=True)
def test_reopen_pressed_at_once(cast):
    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1, 2)
    statuses = press_together(cast.author, reverse("decisions:reopen", args=[record.pk, 2]), {})
    assert statuses == [302] * PRESSES
    step = DecisionStep.objects.get(record=record, number=2)
    assert not step.is_complete
    assert reasons(step.history, "Step 2 reopened") == 1


def test_add_action_pressed_twice_adds_one_action(client_for, cast):
    """Issue 9, case 6: "Add action" twice used to add two identical actions."""
    import datetime
    import uuid

    from idmf.actions.models import Action
    from tests.forms import date_post

    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    url = reverse("assessments:section", args=[assessment.pk, "actions"])
    data = {
        "version": assessment.version,
        "title": "Translate the leaflet",
        "owner": "Comms lead",
        "submission": str(uuid.uuid4()),
        "add": "1",
        **date_post("due_date", datetime.date(2027, 3, 31)),
    }
    client = client_for(cast.author)
    client.post(url, data)
    second = client.post(url, data, follow=True).content.decode()
    assert Action.objects.count() == 1
    assert "was already added" in second
    data["submission"] = str(uuid.uuid4())  # the form shown again: a new action
    client.post(url, data)
    assert Action.objects.count() == 2


def test_add_review_pressed_twice_adds_one_review(client_for, cast):
    import datetime
    import uuid

    from idmf.decisions.models import DecisionReview
    from tests.forms import date_post

    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    data = {
        "notes": "Uptake gap closed",
        "submission": str(uuid.uuid4()),
        **date_post("reviewed_on", datetime.date(2022, 6, 8)),
    }
    client = client_for(cast.author)
    for _ in range(2):
        client.post(reverse("decisions:review", args=[record.pk]), data)
    assert DecisionReview.objects.count() == 1
