import datetime

import pytest

from idmf.core.status import TaskStatus
from idmf.decisions import rules
from idmf.decisions.rules import RecordState
from tests.decisions.factories import STEP_VALUES


def state(completed=(), assessment_status=None, outcome="", **values):
    merged = {}
    for step_values in STEP_VALUES.values():
        merged.update(step_values)
    merged.update(values)
    return RecordState(
        values=merged,
        completed=set(completed),
        assessment_status=assessment_status,
        assessment_outcome=outcome,
    )


def test_steps_complete_in_order():
    assert rules.completion_problems(1, state()) == []
    assert rules.completion_problems(2, state()) == [
        "Complete step 1 first: steps are completed in order"
    ]
    assert rules.completion_problems(3, state(completed={1})) == [
        "Complete step 2 first: steps are completed in order"
    ]
    assert rules.completion_problems(3, state(completed={1, 2})) == []


def test_a_complete_step_cannot_be_completed_again():
    assert rules.completion_problems(1, state(completed={1})) == ["Step 1 is already complete"]


def test_each_step_needs_its_fields():
    problems = rules.completion_problems(1, state(aims="", decision_owner="  "))
    assert problems == ["Enter the aims and objectives", "Enter the decision owner"]


def test_step_4_needs_a_linked_approved_ehiira():
    done = {1, 2, 3}
    assert rules.completion_problems(4, state(completed=done)) == [
        "Link an EHIIRA, or create one from this decision"
    ]
    assert rules.completion_problems(4, state(completed=done, assessment_status="submitted")) == [
        "The linked EHIIRA must be approved before this step is complete"
    ]
    assert rules.completion_problems(4, state(completed=done, assessment_status="approved")) == []


@pytest.mark.parametrize(
    "decision,outcome,needed",
    [
        ("proceed", "stop", True),
        ("proceed", "adjust", False),
        ("proceed_with_mitigations", "stop", False),
        ("stop", "stop", False),
        ("proceed", "", False),
    ],
)
def test_justification_needed_only_to_proceed_against_a_stop(decision, outcome, needed):
    assert rules.justification_needed(decision, outcome) is needed


def test_step_5_proceeding_against_a_stop_needs_a_justification():
    done = {1, 2, 3, 4}
    against = state(
        completed=done, assessment_status="approved", outcome="stop", decision="proceed"
    )
    assert rules.completion_problems(5, against) == [
        "Justify proceeding when the EHIIRA's outcome was to stop and remove the proposal"
    ]
    against.values["decision_justification"] = "Clinical safety requires it"
    assert rules.completion_problems(5, against) == []


def test_review_date_must_follow_the_decision():
    decided = datetime.date(2021, 6, 8)
    assert rules.review_date_problem(decided, decided) == (
        "The review date must be after the date of the decision"
    )
    assert rules.review_date_problem(decided, datetime.date(2021, 6, 9)) is None
    assert rules.review_date_problem(None, decided) is None
    early = state(completed={1, 2, 3, 4, 5}, review_date=datetime.date(2020, 1, 1))
    assert rules.completion_problems(6, early) == [
        "The review date must be after the date of the decision"
    ]


def test_current_step_and_completeness():
    assert rules.current_step(set()) == 1
    assert rules.current_step({1, 2}) == 3
    assert rules.current_step({1, 2, 3, 4, 5, 6}) is None
    assert rules.is_complete({1, 2, 3, 4, 5, 6})
    assert not rules.is_complete({1, 2, 3, 4, 5})


def test_step_status():
    assert rules.step_status(1, completed=set(), touched=False) == TaskStatus.NOT_STARTED
    assert rules.step_status(2, completed=set(), touched=False) == TaskStatus.CANNOT_START
    assert rules.step_status(2, completed=set(), touched=True) == TaskStatus.DRAFT_AHEAD
    assert rules.step_status(2, completed={1}, touched=True) == TaskStatus.IN_PROGRESS
    assert rules.step_status(2, completed={1, 2}, touched=True) == TaskStatus.COMPLETED


def test_only_the_latest_completed_step_reopens_until_the_record_is_complete():
    assert rules.reopenable_step(set()) is None
    assert rules.reopenable_step({1, 2, 3}) == 3
    assert rules.reopenable_step({1, 2, 3, 4, 5, 6}) is None


def test_a_step_is_started_by_any_of_its_fields_notes_or_link():
    empty = RecordState()
    assert not rules.step_started(2, empty, has_notes=False)
    assert rules.step_started(2, empty, has_notes=True)
    assert rules.step_started(2, RecordState(values={"data_gaps": "None known"}), has_notes=False)
    assert not rules.step_started(4, empty, has_notes=False)
    assert rules.step_started(4, RecordState(assessment_status="draft"), has_notes=False)
    # A review date alone, even one before the decision, starts step 6.
    assert rules.step_started(6, RecordState(values={"review_date": "2020-01-01"}), has_notes=False)
