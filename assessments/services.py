"""Every write to an assessment: keyword-only, atomic, with the acting user.

Edits carry the version the editor opened; if someone saved in between, the
edit is refused (core StaleEdit) rather than silently overwriting their work.
"""

import functools

from django.db import transaction
from django.utils import timezone

from assessments import rules
from assessments.models import (
    Assessment,
    PersonResponsible,
)
from assessments.report import build_report, editors_of, with_parts
from idmf.actions.services import add_action_to
from idmf.core.models import person_name
from idmf.core.services import (
    NotReady,
    Refused,
    delete_with_history,
    lock_editable,
    lock_for_review,
    mark_submitted,
    new_draft_version,
    refuse_unless_complete,
    refuse_unless_editable,
    save_edited,
    save_parts,
    save_with_history,
)
from idmf.notices import outbox


class AssessmentError(Refused):
    """A write to an assessment that was refused."""


class SubmissionRefused(NotReady, AssessmentError):
    """What stops submission, each with where to fix it (`rules.Problem`)."""


def _locked(assessment: Assessment, *, expected_version: int | None) -> Assessment:
    return lock_editable(
        Assessment.objects,
        assessment.pk,
        expected_version=expected_version,
        noun="assessment",
        error=AssessmentError,
    )


@transaction.atomic
def create_assessment(
    *, organisation, title, service_area="", overview="", services=(), by
) -> Assessment:
    assessment = Assessment(
        organisation=organisation,
        title=title,
        service_area=service_area,
        overview=overview,
        created_by=by,
    )
    save_with_history(assessment, by=by, reason="Assessment started")
    assessment.services.set(services)
    return assessment


@transaction.atomic
def save_about(
    *, assessment, expected_version, title, service_area, overview, services, by
) -> Assessment:
    fresh = _locked(assessment, expected_version=expected_version)
    fresh.title, fresh.service_area, fresh.overview = title, service_area, overview
    save_edited(fresh, by=by, reason="About the assessment saved")
    fresh.services.set(services)
    return fresh


@transaction.atomic
def save_people(*, assessment, expected_version, people: list[tuple[str, str]], by) -> Assessment:
    fresh = _locked(assessment, expected_version=expected_version)
    existing = list(fresh.people.order_by("order", "pk"))
    for order, (name, job_title) in enumerate(people):
        person = existing[order] if order < len(existing) else PersonResponsible(assessment=fresh)
        if (person.name, person.job_title, person.order) != (
            name,
            job_title,
            order,
        ) or not person.pk:
            person.name, person.job_title, person.order = name, job_title, order
            save_with_history(person, by=by, reason="People responsible saved")
    for person in existing[len(people) :]:
        delete_with_history(person, by=by, reason="Person removed")
    return save_edited(fresh, by=by, reason="People responsible saved")


@transaction.atomic
def save_stage1_answers(*, assessment, expected_version, values: dict[int, dict], by):
    """`values` maps question number to {"answer": …, "rationale": …}."""
    fresh = _locked(assessment, expected_version=expected_version)
    save_parts(fresh.answers, key="question_id", rows=values, reason="Stage 1 answers saved", by=by)
    return save_edited(fresh, by=by, reason="Stage 1 answers saved")


@transaction.atomic
def save_stage2_impacts(*, assessment, expected_version, values: dict[int, dict], by):
    """`values` maps group id to {"impact": …, "evidence": …, "mitigation": …}."""
    fresh = _locked(assessment, expected_version=expected_version)
    save_parts(fresh.impacts, key="group_id", rows=values, reason="Stage 2 impacts saved", by=by)
    return save_edited(fresh, by=by, reason="Stage 2 impacts saved")


STAGE2_TEXT_FIELDS = {"intersectional_impact", "outcome", "outcome_justification"}


@transaction.atomic
def save_stage2_fields(*, assessment, expected_version, values: dict, reason: str, by):
    if not set(values) <= STAGE2_TEXT_FIELDS:
        raise ValueError(f"Not a Stage 2 field: {set(values) - STAGE2_TEXT_FIELDS}")
    fresh = _locked(assessment, expected_version=expected_version)
    for name, value in values.items():
        setattr(fresh, name, value)
    return save_edited(fresh, by=by, reason=reason)


@transaction.atomic
def add_assessment_action(
    *, assessment, title, owner, due_date, assignee=None, submission=None, by
):
    fresh = _locked(assessment, expected_version=None)
    return add_action_to(
        fresh,
        title=title,
        owner=owner,
        assignee=assignee,
        due_date=due_date,
        submission=submission,
        by=by,
    )


def _ready_to_submit(fresh: Assessment) -> None:
    refuse_unless_editable(fresh, noun="assessment", error=AssessmentError)
    refuse_unless_complete(
        fresh, with_parts=with_parts, build_report=build_report, refused=SubmissionRefused
    )


@transaction.atomic
def submit_assessment(*, assessment, by) -> Assessment:
    fresh = mark_submitted(
        Assessment.objects, assessment.pk, noun="assessment", ready=_ready_to_submit, by=by
    )
    outbox.record_submitted(fresh, noun="EHIIRA", editors=editors_of(fresh), by=by)
    return fresh


# An assessment (by its id), locked for an approver to approve or return: refused to anyone
# who edited it.
_locked_for_review = functools.partial(
    lock_for_review,
    Assessment.objects,
    may_become=rules.may_become,
    error=AssessmentError,
    editors_of=editors_of,
    noun="an assessment",
)


@transaction.atomic
def approve_assessment(
    *, assessment, comment: str, approver_role: str, on_behalf_of: str = "", by
) -> Assessment:
    """Approve as the signed-in approver, now: neither the name nor the time is typed."""
    fresh = _locked_for_review(assessment.pk, target=Assessment.Status.APPROVED, by=by)
    now = timezone.now()
    fresh.status = Assessment.Status.APPROVED
    fresh.approver_comment = comment
    fresh.approver_name = person_name(by)
    fresh.approver_role = approver_role
    fresh.approved_on_behalf_of = on_behalf_of
    fresh.approved_at = now
    fresh.approved_on = timezone.localdate(now)
    fresh.approved_by = by
    save_edited(fresh, by=by, reason="Approved")
    outbox.record_decided(fresh, noun="EHIIRA", outcome="approved", comment=comment, by=by)
    return fresh


@transaction.atomic
def return_assessment(*, assessment, comment: str, require_stage2: bool, by) -> Assessment:
    fresh = _locked_for_review(assessment.pk, target=Assessment.Status.RETURNED, by=by)
    fresh.status = Assessment.Status.RETURNED
    fresh.return_comment = comment
    fresh.stage2_requested = fresh.stage2_requested or require_stage2
    save_edited(fresh, by=by, reason=f"Returned to the author: {comment[:150]}")
    outbox.record_decided(fresh, noun="EHIIRA", outcome="returned", comment=comment, by=by)
    return fresh


# What a new version copies from the approved one: the record's own answers, and its parts.
COPIED_FIELDS = [
    "organisation",
    "title",
    "service_area",
    "overview",
    "intersectional_impact",
    "outcome",
    "outcome_justification",
    "stage2_requested",
]
COPIED_PARTS = {
    "people": ["name", "job_title", "order"],
    "answers": ["question_id", "answer", "rationale"],
    "impacts": ["group_id", "impact", "evidence", "mitigation"],
}


@transaction.atomic
def start_new_version(*, assessment, by) -> Assessment:
    """Copy an approved assessment into a new draft that links back to it."""
    source, draft, reason = new_draft_version(
        with_parts(Assessment.objects.select_for_update(of=("self",))),
        assessment.pk,
        is_final=lambda a: a.status == Assessment.Status.APPROVED,
        refusal=AssessmentError("Only an approved assessment can start a new version"),
        noun="assessment",
        copied=lambda a: {name: getattr(a, name) for name in COPIED_FIELDS},
        by=by,
    )
    save_with_history(draft, by=by, reason=reason)
    draft.services.set(source.services.all())
    for relation, names in COPIED_PARTS.items():
        for part in getattr(source, relation).all():
            copy = type(part)(assessment=draft, **{name: getattr(part, name) for name in names})
            save_with_history(copy, by=by, reason=reason)
    return draft
