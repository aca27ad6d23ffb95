import pytest

from assessments import rules
from assessments.rules import AnswerValue, ImpactValue, QuestionRule, Snapshot
from idmf.core.status import TaskStatus

QUESTIONS = [
    QuestionRule(1, 1, True),
    QuestionRule(4, 1, True, "yes", "It may reduce the availability of a service"),
    QuestionRule(17, 2, True, "no", "Negative impacts cannot be minimised"),
    QuestionRule(19, 3, True, "yes", "Article 2: Right to life"),
    QuestionRule(28, 4, False),
]
GROUPS = [(1, "Age", "protected"), (10, "Carers", "inclusion")]


def answers(**given):
    """answers(q4="yes") -> {4: AnswerValue("yes", "because")}"""
    return {int(k[1:]): AnswerValue(v, "because") for k, v in given.items()}


def complete(**extra):
    values = {"q1": "yes", "q4": "no", "q17": "yes", "q19": "no"}
    values.update(extra)
    return Snapshot(title="T", overview="O", service_area="S", people=1, answers=answers(**values))


@pytest.mark.parametrize(
    "given,expected",
    [
        ({"q4": "yes"}, [4]),
        ({"q4": "no"}, []),
        ({"q17": "no"}, [17]),
        ({"q17": "yes"}, []),
        ({"q19": "yes"}, [19]),
        ({"q1": "yes"}, []),
        ({"q4": "yes", "q17": "no", "q19": "yes"}, [4, 17, 19]),
        ({}, []),
    ],
)
def test_stage2_triggers_follow_the_data(given, expected):
    triggers = rules.stage2_triggers(QUESTIONS, answers(**given))
    assert [number for number, _ in triggers] == expected


def test_trigger_reason_comes_from_the_question():
    assert rules.stage2_triggers(QUESTIONS, answers(q4="yes")) == [
        (4, "It may reduce the availability of a service")
    ]


def test_stage2_required_when_the_approver_asks_even_without_triggers():
    assert not rules.stage2_required(QUESTIONS, answers(q4="no"), requested=False)
    assert rules.stage2_required(QUESTIONS, answers(q4="no"), requested=True)
    assert rules.stage2_required(QUESTIONS, answers(q4="yes"), requested=False)


def test_submission_names_every_unanswered_question_and_missing_rationale():
    snapshot = Snapshot(
        title="T",
        overview="O",
        service_area="S",
        people=1,
        answers={1: AnswerValue("yes", "  "), 4: AnswerValue("", "reason given")},
    )
    messages = [p.message for p in rules.submission_problems(QUESTIONS, GROUPS, snapshot)]
    assert messages == [
        "Give a rationale for question 1",
        "Answer question 4",
        "Answer question 17",
        "Give a rationale for question 17",
        "Answer question 19",
        "Give a rationale for question 19",
    ]


def test_free_text_question_is_optional():
    assert rules.submission_problems(QUESTIONS, GROUPS, complete()) == []


def test_header_must_be_complete():
    snapshot = complete()
    snapshot.title, snapshot.people = " ", 0
    problems = rules.submission_problems(QUESTIONS, GROUPS, snapshot)
    assert [(p.section, p.message) for p in problems] == [
        ("about", "Enter the title of the assessment"),
        ("people", "Add at least one person responsible"),
    ]


def stage2_snapshot(**overrides):
    snapshot = complete(q4="yes")
    snapshot.impacts = {
        1: ImpactValue("neutral", "evidence", ""),
        10: ImpactValue("positive", "evidence", ""),
    }
    snapshot.intersectional_impact = "Combined impact"
    snapshot.outcome = "no_major_change"
    for key, value in overrides.items():
        setattr(snapshot, key, value)
    return snapshot


def test_complete_stage2_has_no_problems():
    assert rules.submission_problems(QUESTIONS, GROUPS, stage2_snapshot()) == []


def test_stage2_problems_only_when_stage2_is_required():
    snapshot = complete(q4="no")
    assert rules.submission_problems(QUESTIONS, GROUPS, snapshot) == []
    snapshot.stage2_requested = True
    assert rules.submission_problems(QUESTIONS, GROUPS, snapshot)


def test_every_group_needs_an_impact_and_evidence():
    snapshot = stage2_snapshot(impacts={1: ImpactValue("neutral", "e", "")})
    messages = [p.message for p in rules.submission_problems(QUESTIONS, GROUPS, snapshot)]
    assert messages == ["Choose the impact on Carers", "Give the evidence for Carers"]


def test_negative_impact_needs_mitigation_and_an_action():
    snapshot = stage2_snapshot(
        impacts={1: ImpactValue("negative", "e", ""), 10: ImpactValue("neutral", "e", "")}
    )
    messages = [p.message for p in rules.submission_problems(QUESTIONS, GROUPS, snapshot)]
    assert messages == [
        "Say how the negative impact on Age will be mitigated",
        "Add at least one action to the action plan to address the negative impact",
    ]
    snapshot.impacts[1] = ImpactValue("negative", "e", "Interpreters at every clinic")
    snapshot.actions = 1
    assert rules.submission_problems(QUESTIONS, GROUPS, snapshot) == []


def test_continuing_despite_adverse_impact_needs_a_justification():
    snapshot = stage2_snapshot(outcome="continue", actions=1)
    messages = [p.message for p in rules.submission_problems(QUESTIONS, GROUPS, snapshot)]
    assert messages == ["Justify continuing despite the adverse impact"]
    snapshot.outcome_justification = "Clinical safety requires it"
    assert rules.submission_problems(QUESTIONS, GROUPS, snapshot) == []


def test_outcome_and_intersectional_impact_are_required():
    snapshot = stage2_snapshot(outcome="", intersectional_impact="")
    messages = [p.message for p in rules.submission_problems(QUESTIONS, GROUPS, snapshot)]
    assert messages == [
        "Describe the impact on people affected by more than one characteristic",
        "Choose the overall outcome",
    ]


@pytest.mark.parametrize(
    "current,target",
    [
        ("draft", "submitted"),
        ("returned", "submitted"),
        ("submitted", "approved"),
        ("submitted", "returned"),
    ],
)
def test_allowed_transitions(current, target):
    assert rules.may_become(current, target)


@pytest.mark.parametrize(
    "current,target",
    [
        ("draft", "approved"),
        ("draft", "returned"),
        ("approved", "draft"),
        ("approved", "submitted"),
        ("approved", "returned"),
        ("submitted", "submitted"),
        ("returned", "approved"),
    ],
)
def test_refused_transitions(current, target):
    assert not rules.may_become(current, target)


def test_section_status():
    problem = rules.Problem("section-1", "q1-answer", "Answer question 1")
    assert rules.section_status(touched=False, problems=[]) == TaskStatus.NOT_STARTED
    assert rules.section_status(touched=True, problems=[problem]) == TaskStatus.IN_PROGRESS
    assert rules.section_status(touched=True, problems=[]) == TaskStatus.COMPLETED
    assert rules.section_status(touched=True, problems=[], needed=False) == TaskStatus.NOT_NEEDED
