"""A button pressed twice (or by two people at once) never gives a 500 and never does the
thing twice: the second request is told it is already done. Run on SQLite and PostgreSQL,
with the requests really concurrent (one thread and one database connection each)."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from idmf.decisions.models import DecisionStep
from tests.assessments.factories import AssessmentFactory, approved, complete_stage1, submitted
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
    submitted(draft, by=cast.author)
    data = {"comment": "Checked", "approver_role": "E&I Business Partner"}
    statuses = press_together(
        cast.approver, reverse(f"assessments:{button}", args=[draft.pk]), data
    )
    assert statuses == [302] * PRESSES
    rows = draft.history.filter(history_change_reason__startswith=reason).count()
    assert rows == 1


@pytest.mark.django_db(transaction=True)
def test_new_version_pressed_at_once(cast, draft):
    approved(submitted(draft, by=cast.author), by=cast.approver)
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
