"""Approving an assessment, or returning it with comments, and what the approver sees of
what changed since they returned it."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Assessment
from idmf.core.dates import nhs_datetime
from tests.assessments.factories import AssessmentFactory, complete_stage1, submitted


def test_submit_and_approve_through_the_pages(client_for, cast, draft):
    complete_stage1(draft)
    response = client_for(cast.author).post(
        reverse("assessments:check", args=[draft.pk]), follow=True
    )
    assert "Assessment submitted for approval" in response.content.decode()
    client = client_for(cast.approver)
    page = client.get(reverse("assessments:approve", args=[draft.pk])).content.decode()
    assert "Approving makes this assessment read-only" in page
    response = client.post(
        reverse("assessments:approve", args=[draft.pk]),
        {"comment": "Rigorous assessment", "approver_role": "E&I Business Partner"},
        follow=True,
    )
    page = response.content.decode()
    assert "Assessment approved" in page
    assert "Rigorous assessment" in page
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.APPROVED
    # The signed-in approver and the real time, neither typed.
    assert draft.approved_by == cast.approver
    assert draft.approver_name == cast.approver.get_full_name()
    assert (timezone.now() - draft.approved_at).total_seconds() < 60
    assert nhs_datetime(draft.approved_at) in page


def test_approve_from_the_end_of_the_assessment_carries_the_comment(client_for, cast, draft):
    submitted(draft, by=cast.author)
    client = client_for(cast.approver)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="review"' in page and "Continue to approve" in page
    response = client.post(
        reverse("assessments:approve", args=[draft.pk]),
        {"comment": "Typed at the end", "from_review": "1"},
    )
    page = response.content.decode()
    assert "Approving makes this assessment read-only" in page
    assert "Typed at the end</textarea>" in page
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


def test_the_stage2_tick_is_offered_only_when_stage2_is_not_already_required(
    client_for, cast, draft
):
    submitted(draft, by=cast.author)
    client = client_for(cast.approver)
    assert "Stage 2 must be completed" in client.get(draft.get_absolute_url()).content.decode()
    flagged = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    complete_stage1(flagged, flag=4)
    flagged.stage2_requested = True
    flagged.status = Assessment.Status.SUBMITTED
    flagged.save()
    page = client.get(flagged.get_absolute_url()).content.decode()
    assert "Stage 2 must be completed" not in page


def returned_changed_and_resubmitted(draft, cast, change) -> str:
    """The approver returns the draft, the author makes `change()` and submits it again:
    the page the approver then sees."""
    submitted(draft, by=cast.author)
    services.return_assessment(
        assessment=draft, comment="Say more", require_stage2=False, by=cast.approver
    )
    draft.refresh_from_db()
    change()
    draft.refresh_from_db()
    services.submit_assessment(assessment=draft, by=cast.author)
    approver = Client()
    approver.force_login(cast.approver)
    return approver.get(draft.get_absolute_url()).content.decode()


def test_the_approver_sees_what_changed_since_they_returned_it(cast, draft):
    page = returned_changed_and_resubmitted(
        draft,
        cast,
        lambda: services.save_stage1_answers(
            assessment=draft,
            expected_version=draft.version,
            values={1: {"answer": "yes", "rationale": "More evidence now"}},
            by=cast.author,
        ),
    )
    assert "What changed since you returned it" in page
    assert "Question 1" in page and "More evidence now" in page
    assert "Rationale for question 1." in page  # what it said when returned


def test_return_with_comments(client_for, cast, draft):
    submitted(draft, by=cast.author)
    client_for(cast.approver).post(
        reverse("assessments:return", args=[draft.pk]),
        {"comment": "Add the evidence for question 11", "require_stage2": "on"},
    )
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.RETURNED and draft.stage2_requested
    page = (
        client_for(cast.author).get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    )
    assert "Returned with comments" in page and "Add the evidence for question 11" in page
    assert "Stage 2: protected characteristics" in page


def add_action(draft, cast, title, owner, due):
    services.add_assessment_action(
        assessment=draft, title=title, owner=owner, due_date=due, by=cast.author
    )


def test_what_changed_includes_actions_added_since_the_return(cast, draft):
    add_action(draft, cast, "Kept action", "EDI team", datetime.date(2027, 3, 31))
    page = returned_changed_and_resubmitted(
        draft,
        cast,
        lambda: add_action(
            draft, cast, "Translate the leaflet", "Comms team", datetime.date(2027, 1, 15)
        ),
    )
    changes = page.split('id="changes"')[1].split("</table>")[0]
    assert "Action added" in changes
    assert "Translate the leaflet – Comms team, due 15 January 2027" in changes
    assert "Kept action" not in changes  # unchanged: not listed
