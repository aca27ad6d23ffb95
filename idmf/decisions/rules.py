"""Pure gating rules of the IDMF decision record. No database access here."""

from dataclasses import dataclass, field
from datetime import date

from idmf.core.problems import Problem
from idmf.core.status import TaskStatus

STEP_NUMBERS = range(1, 7)

# Each step's fields in form order, with the message shown when the step cannot be
# completed because the field is empty (None: the field is optional).
STEP_FIELDS: dict[int, dict[str, str | None]] = {
    1: {
        "title": None,
        "kind": None,
        "aims": "Enter the aims and objectives",
        "scope": "Enter the scope",
        "what_changes": "Say what changes",
        "affected_groups": None,
        "who_is_affected": "Say who is affected",
        "decision_owner": "Enter the decision owner",
        "decision_body": "Enter the decision-making body",
    },
    2: {
        "population_data": "Enter the population and service data",
        "uptake_data": "Enter uptake by protected characteristic, ethnicity and deprivation",
        "health_equity_audit": "Enter the health equity audit, or why there is none",
        "data_gaps": "Enter the known data gaps, or say there are none",
    },
    3: {
        "who_was_engaged": "Say who was engaged",
        "how_engaged": "Say how they were engaged",
        "what_they_said": "Say what they said",
        "how_it_changed": "Say how it changed the proposal",
    },
    4: {},
    5: {
        "options_considered": "Enter the options considered",
        "due_regard_statement": "Enter the due regard statement",
        "decision": "Choose the decision",
        "decision_justification": None,
        "decided_by": "Enter who decided",
        "decision_date": "Enter the date of the decision",
        "minute_reference": "Enter the minute reference",
    },
    6: {
        "measures": "Enter the measures of uptake and outcome by group",
        "review_date": "Enter the review date",
        "published": None,
    },
}
# Many-to-many fields a step also writes.
STEP_RELATIONS = {
    1: ["services", "partner_organisations"],
    2: ["evidence_tables"],
    6: ["remeasured_tables"],
}


def required_fields(number: int) -> dict[str, str]:
    """The fields step `number` needs before it can be completed, with their messages."""
    return {name: message for name, message in STEP_FIELDS[number].items() if message}


def all_required_fields() -> set[str]:
    return {name for number in STEP_NUMBERS for name in required_fields(number)}


@dataclass
class RecordState:
    """What the rules need to know about one decision record."""

    values: dict = field(default_factory=dict)
    completed: set[int] = field(default_factory=set)
    assessment_status: str | None = None  # None: no EHIIRA linked
    assessment_outcome: str = ""
    assessment_approved_on: date | None = None


def justification_needed(decision: str, assessment_outcome: str) -> bool:
    """Proceeding although the EHIIRA said stop and remove needs a written justification."""
    return decision == "proceed" and assessment_outcome == "stop"


def review_date_problem(decision_date: date | None, review_date: date | None) -> str | None:
    if decision_date and review_date and review_date <= decision_date:
        return "The review date must be after the date of the decision"
    return None


def due_regard_problem(decision_date: date | None, approved_on: date | None) -> str | None:
    """Due regard is paid before and at the time of a decision, not after: the decision
    cannot be dated before the linked EHIIRA was approved."""
    if decision_date and approved_on and decision_date < approved_on:
        return (
            f"The date of the decision ({decision_date.day} {decision_date:%B %Y}) is before "
            f"the linked EHIIRA was approved ({approved_on.day} {approved_on:%B %Y}): due "
            "regard must be paid before the decision is taken"
        )
    return None


def step_problems(number: int, state: RecordState) -> list[Problem]:
    """Why step `number`'s own content is not yet enough to complete it."""
    problems = [
        Problem(message, name)
        for name, message in required_fields(number).items()
        if not str(state.values.get(name) or "").strip()
    ]
    if number == 4:
        if state.assessment_status is None:
            problems.append(
                Problem("Link an EHIIRA, or create one from this decision", "assessment")
            )
        elif state.assessment_status != "approved":
            problems.append(
                Problem("The linked EHIIRA must be approved before this step is complete")
            )
    unjustified = not str(state.values.get("decision_justification") or "").strip()
    if (
        number == 5
        and justification_needed(state.values.get("decision", ""), state.assessment_outcome)
        and unjustified
    ):
        problems.append(
            Problem(
                "Justify proceeding when the EHIIRA's outcome was to stop and remove the proposal",
                "decision_justification",
            )
        )
    decision_date = state.values.get("decision_date")
    if number == 5:
        problem = due_regard_problem(decision_date, state.assessment_approved_on)
        if problem:
            problems.append(Problem(problem, "decision_date"))
    if number == 6:
        problem = review_date_problem(decision_date, state.values.get("review_date"))
        if problem:
            problems.append(Problem(problem, "review_date"))
    return problems


def completion_problems(number: int, state: RecordState) -> list[Problem]:
    """Everything that stops step `number` being marked complete now."""
    if number in state.completed:
        return [Problem(f"Step {number} is already complete")]
    earlier = [n for n in range(1, number) if n not in state.completed]
    if earlier:
        return [Problem(f"Complete step {earlier[0]} first: steps are completed in order")]
    return step_problems(number, state)


def current_step(completed: set[int]) -> int | None:
    """The first step not yet complete; None once all six are."""
    return next((n for n in STEP_NUMBERS if n not in completed), None)


def is_complete(completed: set[int]) -> bool:
    return current_step(completed) is None


def step_started(number: int, state: RecordState, *, has_notes: bool) -> bool:
    """Whether anything has been recorded for the step yet."""
    if has_notes:
        return True
    if number == 4:
        return state.assessment_status is not None
    return any(str(state.values.get(name) or "").strip() for name in required_fields(number))


def step_status(number: int, *, completed: set[int], touched: bool) -> TaskStatus:
    if number in completed:
        return TaskStatus.COMPLETED
    ahead = any(n not in completed for n in range(1, number))
    if touched:
        return TaskStatus.DRAFT_AHEAD if ahead else TaskStatus.IN_PROGRESS
    return TaskStatus.CANNOT_START if ahead else TaskStatus.NOT_STARTED


def reopenable_step(completed: set[int]) -> int | None:
    """Only the latest completed step may be reopened, and not once the record is complete."""
    if not completed or is_complete(completed):
        return None
    return max(completed)
