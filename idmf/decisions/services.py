"""Every write to a decision record: keyword-only, atomic, with the acting user."""

from django.db import transaction
from django.utils import timezone

from assessments.services import create_assessment
from idmf.actions.services import add_action_to
from idmf.core.services import (
    AlreadyDone,
    Refused,
    lock_for_edit,
    save_edited,
    save_with_history,
    use_token,
)
from idmf.decisions import pdfs, rules
from idmf.decisions.models import DecisionRecord, DecisionReview, DecisionStep
from idmf.decisions.report import record_state


class DecisionError(Refused):
    """A decision-record write that was refused."""


def _locked_record(record, *, expected_version=None, allow_complete=False) -> DecisionRecord:
    fresh = lock_for_edit(
        DecisionRecord.objects, record.pk, expected_version=expected_version, noun="decision record"
    )
    completed = set(fresh.steps.filter(completed_at__isnull=False).values_list("number", flat=True))
    if rules.is_complete(completed) and not allow_complete:
        raise DecisionError(
            "This decision is complete, so it cannot be changed. You can add a review."
        )
    return fresh


def _step_row(record, number) -> DecisionStep:
    """The step's row, or a new unsaved one: it is saved with its history when it changes."""
    existing = DecisionStep.objects.filter(record=record, number=number).first()
    return existing or DecisionStep(record=record, number=number)


def completed_count(record) -> int:
    """How many of the record's steps are complete, counted from its steps."""
    return record.steps.filter(completed_at__isnull=False).count()


@transaction.atomic
def create_decision_record(*, organisation, title, kind, by) -> DecisionRecord:
    record = DecisionRecord(organisation=organisation, title=title, kind=kind, created_by=by)
    return save_with_history(record, by=by, reason="Decision record started")


@transaction.atomic
def save_decision_step(
    *,
    record,
    number: int,
    values: dict,
    evidence_notes: str,
    expected_version,
    link=None,
    action: dict | None = None,
    by,
) -> DecisionRecord:
    """Save everything typed on a step's page in one go: its fields and notes, the EHIIRA
    chosen to link (step 4) and an action typed in (step 6)."""
    action = dict(action or {})
    # A second press of "Add action" is told it was done, before any "someone else saved".
    use_token(
        action.pop("submission", None),
        already=f"The action “{action.get('title')}” was already added",
    )
    fresh = _locked_record(record, expected_version=expected_version)
    step = _step_row(fresh, number)
    if step.is_complete:
        raise DecisionError(f"Step {number} is complete. Reopen it to change it.")
    for name in rules.STEP_FIELDS[number]:
        if name in values:
            setattr(fresh, name, values[name])
    reason = f"Step {number} saved"
    save_edited(fresh, by=by, reason=reason)
    for name in rules.STEP_RELATIONS.get(number, []):
        if name in values:
            getattr(fresh, name).set(values[name])
    if step.evidence_notes != evidence_notes:
        step.evidence_notes = evidence_notes
        save_with_history(step, by=by, reason=reason)
    if link is not None and link.pk != fresh.assessment_id:
        _link(fresh, link, by=by)
    if action:
        add_action_to(fresh, by=by, **action)
    return fresh


@transaction.atomic
def complete_decision_step(*, record, number: int, by) -> DecisionStep:
    # Any step left to complete means the record is not complete: no further check needed.
    fresh = _locked_record(record, allow_complete=True)
    if _step_row(fresh, number).is_complete:
        raise AlreadyDone(f"Step {number} is already complete")
    problems = rules.completion_problems(number, record_state(fresh))
    if problems:
        raise DecisionError(*problems)
    step = _step_row(fresh, number)
    step.completed_at = timezone.now()
    step.completed_by = by
    save_with_history(step, by=by, reason=f"Step {number} completed")
    fresh.steps_completed = completed_count(fresh)
    save_edited(fresh, by=by, reason=f"Step {number} completed")
    if fresh.steps_completed == 6 and fresh.published:
        pdfs.prepare_public(fresh, by=by)  # on the public register now: its PDF made now
    return step


@transaction.atomic
def reopen_decision_step(*, record, number: int, by) -> DecisionStep:
    fresh = _locked_record(record)
    if not _step_row(fresh, number).is_complete:
        raise AlreadyDone(f"Step {number} is already open")
    state = record_state(fresh)
    if rules.reopenable_step(state.completed) != number:
        raise DecisionError("Only the latest completed step can be reopened")
    step = _step_row(fresh, number)
    step.completed_at, step.completed_by = None, None
    save_with_history(step, by=by, reason=f"Step {number} reopened")
    fresh.steps_completed = completed_count(fresh)
    save_edited(fresh, by=by, reason=f"Step {number} reopened")
    return step


def _link(fresh, assessment, *, by) -> DecisionRecord:
    if assessment.organisation_id != fresh.organisation_id:
        raise DecisionError("Only an EHIIRA of the same organisation can be linked")
    if _step_row(fresh, 4).is_complete:
        raise DecisionError("Step 4 is complete. Reopen it to change the linked EHIIRA.")
    fresh.assessment = assessment
    return save_edited(fresh, by=by, reason=f"EHIIRA linked: {assessment.title}")


@transaction.atomic
def create_assessment_for_decision(*, record, by):
    """Start an EHIIRA pre-filled from the decision and link it."""
    fresh = _locked_record(record)
    overview = "\n\n".join(text for text in (fresh.aims, fresh.what_changes) if text)
    assessment = create_assessment(
        organisation=fresh.organisation,
        title=fresh.title,
        overview=overview,
        services=fresh.services.all(),
        by=by,
    )
    _link(fresh, assessment, by=by)
    return assessment


@transaction.atomic
def add_decision_review(
    *, record, reviewed_on, notes, next_review_date, submission=None, by
) -> DecisionReview:
    fresh = _locked_record(record, allow_complete=True)
    use_token(submission, already="This review was already added")
    if next_review_date and next_review_date <= reviewed_on:
        raise DecisionError("The next review date must be after this review")
    review = DecisionReview(
        record=fresh,
        reviewed_on=reviewed_on,
        notes=notes,
        next_review_date=next_review_date,
        created_by=by,
    )
    save_with_history(review, by=by, reason="Review added")
    if next_review_date:
        fresh.review_date = next_review_date
        save_edited(fresh, by=by, reason="Review added: next review date set")
    return review
