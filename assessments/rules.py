"""Pure rules of the EHIIRA: what requires Stage 2, what blocks submission, which
state may follow which, and each section's status. No database access here."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models

from idmf.core.status import TaskStatus, tagged, transition_rule


@tagged({"draft": "grey", "submitted": "blue", "returned": "orange", "approved": "green"})
class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


# Which status may follow which. Only draft and returned assessments can be edited.
TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.RETURNED: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.APPROVED, Status.RETURNED},
    Status.APPROVED: set(),
}
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})


may_become = transition_rule(Status, TRANSITIONS)


@dataclass(frozen=True)
class QuestionRule:
    number: int
    section: int
    is_yes_no: bool
    trigger_answer: str = ""
    trigger_reason: str = ""


@dataclass(frozen=True)
class AnswerValue:
    answer: str = ""
    rationale: str = ""


@dataclass(frozen=True)
class ImpactValue:
    impact: str = ""
    evidence: str = ""
    mitigation: str = ""


@dataclass(frozen=True)
class Problem:
    """A reason the assessment cannot be submitted, with where to fix it."""

    section: str
    field: str
    message: str


@dataclass
class Snapshot:
    """What the rules need to know about one assessment."""

    title: str = ""
    overview: str = ""
    service_area: str = ""
    people: int = 0
    answers: Mapping[int, AnswerValue] = field(default_factory=dict)
    stage2_requested: bool = False
    impacts: Mapping[int, ImpactValue] = field(default_factory=dict)
    intersectional_impact: str = ""
    outcome: str = ""
    outcome_justification: str = ""
    actions: int = 0


def stage2_triggers(
    questions: Iterable[QuestionRule], answers: Mapping[int, AnswerValue]
) -> list[tuple[int, str]]:
    """(question number, reason) for every answer that requires Stage 2."""
    triggers = []
    for question in questions:
        given = answers.get(question.number)
        if question.trigger_answer and given and given.answer == question.trigger_answer:
            triggers.append((question.number, question.trigger_reason))
    return triggers


def stage2_required(
    questions: Iterable[QuestionRule], answers: Mapping[int, AnswerValue], *, requested: bool
) -> bool:
    return requested or bool(stage2_triggers(questions, answers))


def header_problems(snapshot: Snapshot) -> list[Problem]:
    problems = []
    if not snapshot.title.strip():
        problems.append(Problem("about", "title", "Enter the title of the assessment"))
    if not snapshot.service_area.strip():
        problems.append(Problem("about", "service_area", "Enter the service area"))
    if not snapshot.overview.strip():
        problems.append(Problem("about", "overview", "Enter an overview of the proposal"))
    if snapshot.people == 0:
        problems.append(Problem("people", "name", "Add at least one person responsible"))
    return problems


def stage1_problems(questions: Iterable[QuestionRule], snapshot: Snapshot) -> list[Problem]:
    problems = []
    for question in questions:
        if not question.is_yes_no:
            continue
        given = snapshot.answers.get(question.number, AnswerValue())
        section = f"section-{question.section}"
        if given.answer not in {"yes", "no"}:
            problems.append(
                Problem(section, f"q{question.number}-answer", f"Answer question {question.number}")
            )
        if not given.rationale.strip():
            problems.append(
                Problem(
                    section,
                    f"q{question.number}-rationale",
                    f"Give a rationale for question {question.number}",
                )
            )
    return problems


def stage2_problems(group_ids: Iterable[tuple[int, str, str]], snapshot: Snapshot) -> list[Problem]:
    """`group_ids` is (group id, group name, page) for every Stage 2 group."""
    problems = []
    for group_id, name, page in group_ids:
        given = snapshot.impacts.get(group_id, ImpactValue())
        if not given.impact:
            problems.append(Problem(page, f"g{group_id}-impact", f"Choose the impact on {name}"))
        if not given.evidence.strip():
            problems.append(Problem(page, f"g{group_id}-evidence", f"Give the evidence for {name}"))
        if given.impact == "negative" and not given.mitigation.strip():
            problems.append(
                Problem(
                    page,
                    f"g{group_id}-mitigation",
                    f"Say how the negative impact on {name} will be mitigated",
                )
            )
    if not snapshot.intersectional_impact.strip():
        problems.append(
            Problem(
                "intersectional",
                "intersectional_impact",
                "Describe the impact on people affected by more than one characteristic",
            )
        )
    negative = any(i.impact == "negative" for i in snapshot.impacts.values())
    if (negative or snapshot.outcome in {"adjust", "continue"}) and snapshot.actions == 0:
        problems.append(
            Problem(
                "actions",
                "title",
                "Add at least one action to the action plan to address the negative impact",
            )
        )
    if not snapshot.outcome:
        problems.append(Problem("outcome", "outcome", "Choose the overall outcome"))
    elif snapshot.outcome == "continue" and not snapshot.outcome_justification.strip():
        problems.append(
            Problem(
                "outcome",
                "outcome_justification",
                "Justify continuing despite the adverse impact",
            )
        )
    return problems


def submission_problems(
    questions: list[QuestionRule],
    group_ids: list[tuple[int, str, str]],
    snapshot: Snapshot,
) -> list[Problem]:
    """Everything that stops the assessment being submitted, in form order."""
    problems = header_problems(snapshot) + stage1_problems(questions, snapshot)
    if stage2_required(questions, snapshot.answers, requested=snapshot.stage2_requested):
        problems += stage2_problems(group_ids, snapshot)
    return problems


def section_status(*, touched: bool, problems: list[Problem], needed: bool = True) -> TaskStatus:
    if not needed:
        return TaskStatus.NOT_NEEDED
    if not touched:
        return TaskStatus.NOT_STARTED
    return TaskStatus.IN_PROGRESS if problems else TaskStatus.COMPLETED
