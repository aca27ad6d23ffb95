"""State-changing writes for the shared core. Keyword-only, atomic, with the acting user."""

from django.db import transaction
from django.utils import timezone

from idmf import decision_rules
from idmf.models import (
    Action,
    DecisionRecord,
    DecisionReview,
    DecisionStep,
    Membership,
    Role,
    Service,
)


def save_with_history(instance, *, by, reason: str):
    """Save, recording who made the change and why in the record's history."""
    instance._history_user = by
    instance._change_reason = reason
    instance.save()
    return instance


def save_edited(record, *, by, reason: str):
    """Save an edit to a record that carries an optimistic-lock `version`."""
    record.version += 1
    return save_with_history(record, by=by, reason=reason)


def add_action_to(record, *, title, owner, due_date, by) -> Action:
    """Raise an action from `record` (locked by the caller) and note it in its history."""
    action = create_action(
        organisation=record.organisation,
        title=title,
        owner=owner,
        due_date=due_date,
        source=record,
        by=by,
    )
    save_edited(record, by=by, reason=f"Action added: {title}")
    return action


@transaction.atomic
def create_action(*, organisation, title, owner, due_date, source=None, by) -> Action:
    action = Action(
        organisation=organisation, title=title, owner=owner, due_date=due_date, created_by=by
    )
    if source is not None:
        action.source = source
    return save_with_history(action, by=by, reason="Action raised")


@transaction.atomic
def update_action_status(*, action: Action, status: str, reason: str = "", by) -> Action:
    action.status = status
    return save_with_history(
        action, by=by, reason=reason or f"Status set to {action.get_status_display().lower()}"
    )


# --- organisation set-up (organisation admins) -------------------------------


class SetupError(Exception):
    """An organisation set-up change that was refused; the message is for the user."""


@transaction.atomic
def add_member(*, organisation, user, role, by) -> Membership:
    if Membership.objects.filter(organisation=organisation, user=user, role=role).exists():
        raise SetupError(f"{user.get_full_name() or user.username} already has that role here")
    membership = Membership(organisation=organisation, user=user, role=role)
    return save_with_history(membership, by=by, reason="Member added")


@transaction.atomic
def remove_member(*, membership, by) -> None:
    if membership.role == Role.ORGANISATION_ADMIN:
        admins = Membership.objects.select_for_update().filter(
            organisation_id=membership.organisation_id, role=Role.ORGANISATION_ADMIN
        )
        if admins.count() == 1:
            raise SetupError("An organisation needs at least one organisation admin")
    membership._history_user = by
    membership._change_reason = "Member removed"
    membership.delete()


@transaction.atomic
def add_service(*, organisation, name, relationship, core20plus5_area, by) -> Service:
    if Service.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise SetupError(f"{organisation} already has a service called {name}")
    service = Service(
        organisation=organisation,
        name=name,
        relationship=relationship,
        core20plus5_area=core20plus5_area,
    )
    return save_with_history(service, by=by, reason="Service added")


# --- IDMF decision records ---------------------------------------------------


class DecisionError(Exception):
    """A decision-record write that was refused; the message is for the user."""

    def __init__(self, *problems: str):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


STEP_FIELDS = {
    1: [
        "title",
        "kind",
        "aims",
        "scope",
        "what_changes",
        "affected_groups",
        "who_is_affected",
        "decision_owner",
        "decision_body",
    ],
    2: ["population_data", "uptake_data", "health_equity_audit", "data_gaps"],
    3: ["who_was_engaged", "how_engaged", "what_they_said", "how_it_changed"],
    4: [],
    5: [
        "options_considered",
        "due_regard_statement",
        "decision",
        "decision_justification",
        "decided_by",
        "decision_date",
        "minute_reference",
    ],
    6: ["measures", "review_date", "published"],
}
STEP_RELATIONS = {1: ["services", "partner_organisations"]}


def record_state(record: DecisionRecord) -> decision_rules.RecordState:
    assessment = record.assessment
    return decision_rules.RecordState(
        values={name: getattr(record, name) for fields in STEP_FIELDS.values() for name in fields},
        completed={s.number for s in record.steps.all() if s.is_complete},
        assessment_status=assessment.status if assessment else None,
        assessment_outcome=assessment.outcome if assessment else "",
    )


def _locked_record(record, *, expected_version=None, allow_complete=False) -> DecisionRecord:
    fresh = DecisionRecord.objects.select_for_update().get(pk=record.pk)
    completed = set(fresh.steps.filter(completed_at__isnull=False).values_list("number", flat=True))
    if decision_rules.is_complete(completed) and not allow_complete:
        raise DecisionError(
            "This decision is complete, so it cannot be changed. You can add a review."
        )
    if expected_version is not None and fresh.version != expected_version:
        raise DecisionError(
            "Someone else saved this decision record after you opened this page, so your "
            "changes were not saved. Copy anything you need, then reload the page."
        )
    return fresh


def _step_row(record, number) -> DecisionStep:
    """The step's row, or a new unsaved one: it is saved with its history when it changes."""
    existing = DecisionStep.objects.filter(record=record, number=number).first()
    return existing or DecisionStep(record=record, number=number)


@transaction.atomic
def create_decision_record(*, organisation, title, kind, by) -> DecisionRecord:
    record = DecisionRecord(organisation=organisation, title=title, kind=kind, created_by=by)
    return save_with_history(record, by=by, reason="Decision record started")


@transaction.atomic
def save_decision_step(
    *, record, number: int, values: dict, evidence_notes: str, expected_version, by
) -> DecisionRecord:
    fresh = _locked_record(record, expected_version=expected_version)
    step = _step_row(fresh, number)
    if step.is_complete:
        raise DecisionError(f"Step {number} is complete. Reopen it to change it.")
    for name in STEP_FIELDS[number]:
        if name in values:
            setattr(fresh, name, values[name])
    reason = f"Step {number} saved"
    save_edited(fresh, by=by, reason=reason)
    for name in STEP_RELATIONS.get(number, []):
        if name in values:
            getattr(fresh, name).set(values[name])
    if step.evidence_notes != evidence_notes:
        step.evidence_notes = evidence_notes
        save_with_history(step, by=by, reason=reason)
    return fresh


@transaction.atomic
def complete_decision_step(*, record, number: int, by) -> DecisionStep:
    fresh = _locked_record(record)
    problems = decision_rules.completion_problems(number, record_state(fresh))
    if problems:
        raise DecisionError(*problems)
    step = _step_row(fresh, number)
    step.completed_at = timezone.now()
    step.completed_by = by
    save_with_history(step, by=by, reason=f"Step {number} completed")
    save_edited(fresh, by=by, reason=f"Step {number} completed")
    return step


@transaction.atomic
def reopen_decision_step(*, record, number: int, by) -> DecisionStep:
    fresh = _locked_record(record)
    state = record_state(fresh)
    if decision_rules.reopenable_step(state.completed) != number:
        raise DecisionError("Only the latest completed step can be reopened")
    step = _step_row(fresh, number)
    step.completed_at, step.completed_by = None, None
    save_with_history(step, by=by, reason=f"Step {number} reopened")
    save_edited(fresh, by=by, reason=f"Step {number} reopened")
    return step


@transaction.atomic
def link_assessment(*, record, assessment, by) -> DecisionRecord:
    fresh = _locked_record(record)
    if assessment.organisation_id != fresh.organisation_id:
        raise DecisionError("Only an EHIIRA of the same organisation can be linked")
    if _step_row(fresh, 4).is_complete:
        raise DecisionError("Step 4 is complete. Reopen it to change the linked EHIIRA.")
    fresh.assessment = assessment
    return save_edited(fresh, by=by, reason=f"EHIIRA linked: {assessment.title}")


@transaction.atomic
def create_assessment_for_decision(*, record, by):
    """Start an EHIIRA pre-filled from the decision and link it."""
    from assessments.services import create_assessment

    fresh = _locked_record(record)
    overview = "\n\n".join(text for text in (fresh.aims, fresh.what_changes) if text)
    assessment = create_assessment(
        organisation=fresh.organisation,
        title=fresh.title,
        overview=overview,
        services=fresh.services.all(),
        by=by,
    )
    link_assessment(record=fresh, assessment=assessment, by=by)
    return assessment


@transaction.atomic
def add_decision_action(*, record, title, owner, due_date, by):
    fresh = _locked_record(record)
    return add_action_to(fresh, title=title, owner=owner, due_date=due_date, by=by)


@transaction.atomic
def add_decision_review(*, record, reviewed_on, notes, next_review_date, by) -> DecisionReview:
    fresh = _locked_record(record, allow_complete=True)
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
