"""What changed in a resubmitted EHIIRA: each answer that differs from the version the
approver returned, read from the history, for the approver to see beside it."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from assessments.models import (
    Assessment,
    PersonResponsible,
    Stage1Answer,
    Stage2Group,
    Stage2Impact,
)
from idmf.actions.models import Action
from idmf.core.dates import nhs_date


@dataclass
class Change:
    """One answer that differs from what the approver returned."""

    where: str
    before: str
    after: str


# The assessment's own answers an approver compares, with how to name them.
COMPARED_FIELDS = {
    "title": "Title of assessment",
    "service_area": "Service area",
    "overview": "Overview of proposal, policy, service etc",
    "intersectional_impact": "Stage 2: people affected by more than one characteristic",
    "outcome": "Stage 2: overall outcome",
    "outcome_justification": "Stage 2: justification",
}


def _as_returned(history, returned_at, key: str) -> dict:
    """Each part (answer, impact) as it stood when the assessment was returned."""
    rows = history.filter(history_date__lte=returned_at).order_by("history_date", "history_id")
    parts = {}
    for row in rows:
        if row.history_type == "-":
            parts.pop(getattr(row, key), None)
        else:
            parts[getattr(row, key)] = row
    return parts


def changes_since_return(assessment: Assessment) -> list[Change] | None:
    """For a resubmitted assessment, what differs from the version the approver returned,
    answer by answer; None when it is not waiting for approval after a return."""
    if assessment.status != Assessment.Status.SUBMITTED:
        return None
    returned = (
        assessment.history.filter(history_change_reason__startswith="Returned to the author")
        .order_by("-history_date")
        .first()
    )
    if returned is None:
        return None
    at = returned.history_date
    changes = [
        Change(label, str(getattr(returned, name) or ""), str(getattr(assessment, name) or ""))
        for name, label in COMPARED_FIELDS.items()
        if (getattr(returned, name) or "") != (getattr(assessment, name) or "")
    ]
    people_then = [
        f"{p.name}, {p.job_title}"
        for p in sorted(
            _as_returned(
                PersonResponsible.history.filter(assessment_id=assessment.pk), at, "id"
            ).values(),
            key=lambda p: (p.order, p.id),
        )
    ]
    people_now = [f"{p.name}, {p.job_title}" for p in assessment.people.all()]
    if people_then != people_now:
        changes.append(Change("People responsible", "\n".join(people_then), "\n".join(people_now)))
    changes.extend(_actions_changed(assessment, at))
    answers_then = _as_returned(
        Stage1Answer.history.filter(assessment_id=assessment.pk), at, "question_id"
    )
    for answer in sorted(assessment.answers.all(), key=lambda a: a.question_id):
        then = answers_then.get(answer.question_id)
        before = f"{then.answer.title()} {then.rationale}".strip() if then else ""
        after = f"{answer.answer.title()} {answer.rationale}".strip()
        if before != after:
            changes.append(Change(f"Question {answer.question_id}", before, after))
    impacts_then = _as_returned(
        Stage2Impact.history.filter(assessment_id=assessment.pk), at, "group_id"
    )
    groups = {g.pk: g.name for g in Stage2Group.objects.all()}
    for impact in assessment.impacts.all():
        then = impacts_then.get(impact.group_id)
        before = (
            " – ".join(filter(None, [then.impact, then.evidence, then.mitigation])) if then else ""
        )
        after = " – ".join(filter(None, [impact.impact, impact.evidence, impact.mitigation]))
        if before != after:
            changes.append(Change(f"Stage 2: {groups[impact.group_id]}", before, after))
    return changes


def _action_line(action) -> str:
    return f"{action.title} – {action.owner}, due {nhs_date(action.due_date)}"


def _actions_changed(assessment: Assessment, at) -> list[Change]:
    """The actions the assessment raised, added, removed or changed since it was returned."""
    raised = Action.history.filter(
        source_type=ContentType.objects.get_for_model(Assessment), source_id=assessment.pk
    )
    then = {pk: _action_line(row) for pk, row in _as_returned(raised, at, "id").items()}
    now = {a.pk: _action_line(a) for a in Action.objects.raised_by(assessment).order_by("pk")}
    found = []
    for pk in sorted(then.keys() | now.keys()):
        before, after = then.get(pk, ""), now.get(pk, "")
        if before != after:
            what = "Action added" if not before else "Action removed" if not after else "Action"
            found.append(Change(what, before, after))
    return found
