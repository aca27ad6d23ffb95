"""An EHIIRA as open data: every question and group with the reference data's numbers and
names, the stored text exactly, and nothing a plain `json.dumps` cannot write."""

import dataclasses
import datetime

import pytest

from assessments import services
from assessments.data import assessment_data
from assessments.models import Assessment, Stage1Question, Stage2Group
from assessments.report import build_report, with_parts
from idmf.core.records import kind_for
from idmf.publishing.data import record_data
from tests.assessments.factories import (
    AssessmentFactory,
    approved,
    complete_stage1,
    complete_stage2,
)
from tests.core.factories import ServiceFactory
from tests.data_export import export_queries, round_trip

pytestmark = pytest.mark.django_db

TRICKY = "<b>Bold</b> & =SUM(A1:A9) \"quoted\" 'single'\nsecond line – en dash"


def approved_with_stage2(draft, cast):
    """Stage 1 with question 4 calling for Stage 2, Stage 2 complete with a negative impact
    on Disability, an action, submitted and approved."""
    complete_stage1(draft, flag=4)
    complete_stage2(draft, impact="neutral", outcome="adjust")
    disability = Stage2Group.objects.get(name="Disability")
    services.save_stage2_impacts(
        assessment=draft,
        expected_version=None,
        values={
            disability.pk: {
                "impact": "negative",
                "evidence": TRICKY,
                "mitigation": "Easy read versions.",
            }
        },
        by=cast.author,
    )
    services.add_assessment_action(
        assessment=draft,
        title="Publish easy read versions",
        owner="Comms lead",
        due_date=datetime.date(2026, 9, 30),
        by=cast.author,
    )
    services.submit_assessment(assessment=draft, by=cast.author)
    return approved(draft, by=cast.approver)


def test_every_question_with_its_number_section_and_typed_answer(draft, cast):
    service = ServiceFactory(organisation=cast.organisation, name="Diabetes care")
    services.save_about(
        assessment=draft,
        expected_version=None,
        title="Diabetes <b>pathway</b>",
        service_area="Planned care",
        overview=TRICKY,
        services=[service],
        by=cast.author,
    )
    services.save_people(
        assessment=draft,
        expected_version=None,
        people=[("Ada Lovelace", "Head of Strategy"), ("Alan Turing", "Analyst")],
        by=cast.author,
    )
    services.save_stage1_answers(
        assessment=draft,
        expected_version=None,
        values={
            1: {"answer": "yes", "rationale": TRICKY},
            7: {"answer": "yes", "rationale": "It reduces an activity."},
            28: {"answer": "", "rationale": "Comments in free text."},
        },
        by=cast.author,
    )

    data = round_trip(assessment_data(Assessment.objects.get(pk=draft.pk)))

    assert data["title"] == "Diabetes <b>pathway</b>"
    assert data["overview"] == TRICKY
    assert data["service_area"] == "Planned care"
    assert data["services"] == ["Diabetes care"]
    assert data["people"] == [
        {"name": "Ada Lovelace", "job_title": "Head of Strategy"},
        {"name": "Alan Turing", "job_title": "Analyst"},
    ]
    questions = data["stage1"]
    assert [q["number"] for q in questions] == list(range(1, 29))
    by_number = {q["number"]: q for q in questions}
    assert by_number[1] == {
        "number": 1,
        "section": 1,
        "text": Stage1Question.objects.get(number=1).text,
        "answer_kind": "yes_no",
        "answer_kind_label": "Yes or No with a rationale",
        "answer": "yes",
        "answer_label": "Yes",
        "rationale": TRICKY,
    }
    assert by_number[2]["answer"] == "" and by_number[2]["rationale"] == ""
    assert by_number[2]["answer_label"] == ""
    assert by_number[19]["section"] == 3
    assert by_number[28]["section"] == 4 and by_number[28]["answer_kind"] == "text"
    assert by_number[28]["rationale"] == "Comments in free text."
    # Question 7 answered yes calls for Stage 2, as the rules decide.
    assert data["stage2_required"] is True
    assert data["stage2_triggers"][0]["question"] == 7
    # Stage 2 not started: every group is listed, with nothing chosen.
    assert len(data["stage2_groups"]) == Stage2Group.objects.count() == 17
    assert {g["impact"] for g in data["stage2_groups"]} == {""}
    assert data["outcome"] == "" and data["outcome_label"] == ""
    assert data["approval"]["approved_on"] == ""


def test_no_flagging_answer_means_stage2_is_not_required(draft, cast):
    complete_stage1(draft)
    data = round_trip(assessment_data(draft))
    assert data["stage2_required"] is False
    assert data["stage2_triggers"] == []
    report = build_report(with_parts(Assessment.objects).get(pk=draft.pk))
    assert data["stage2_required"] == report.stage2_required
    assert all(q["answer"] in {"yes", "no"} for q in data["stage1"] if q["number"] < 28)


def test_stage2_groups_with_their_names_impacts_outcome_and_approval(draft, cast):
    approved_with_stage2(draft, cast)

    data = round_trip(assessment_data(draft))

    assert data["stage2_required"] is True
    assert [t["question"] for t in data["stage2_triggers"]] == [4]
    groups = data["stage2_groups"]
    # In the form's order: protected characteristics, then inclusion groups.
    assert [g["kind"] for g in groups] == ["protected"] * 9 + ["inclusion"] * 8
    assert groups[0]["group"] == "Age"
    disability = next(g for g in groups if g["group"] == "Disability")
    assert disability == {
        "group": "Disability",
        "kind": "protected",
        "kind_label": "Protected characteristics (Equality Act 2010)",
        "impact": "negative",
        "impact_label": "Negative",
        "evidence": TRICKY,
        "mitigation": "Easy read versions.",
        "equity_evidence": None,
    }
    age = groups[0]
    assert (age["impact"], age["impact_label"]) == ("neutral", "Neutral")
    assert data["intersectional_impact"] == "Older people who are digitally excluded."
    assert (data["outcome"], data["outcome_label"]) == ("adjust", "Adjust the proposal")
    assert data["approval"]["approver_comment"] == "The policy has been quality assured"
    assert data["approval"]["approver_role"] == "E&I Business Partner"
    assert data["approval"]["approver_name"] == (
        cast.approver.get_full_name() or cast.approver.username
    )
    draft.refresh_from_db()
    assert data["approval"]["approved_on"] == draft.approved_on.isoformat()
    datetime.date.fromisoformat(data["approval"]["approved_on"])
    assert data["return_comment"] == ""


def test_the_whole_export_keeps_the_envelope_and_adds_the_content(draft, cast):
    approved_with_stage2(draft, cast)
    kind = dataclasses.replace(kind_for(Assessment), data=assessment_data)
    record = kind.queryset().get(pk=draft.pk)

    data = round_trip(record_data(kind, record, url="https://example.test/a/1"))

    assert data["kind"] == "assessments.assessment"
    assert data["status"] == "Approved"
    assert len(data["stage1"]) == 28
    assert [a["title"] for a in data["actions"]] == ["Publish easy read versions"]


def test_queries_do_not_grow_with_answers_and_impacts(cast):
    empty = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    full = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    complete_stage2(complete_stage1(full, flag=4))

    assert export_queries(assessment_data, full)[0] == export_queries(assessment_data, empty)[0]
    prefetched, _ = export_queries(assessment_data, full, with_parts(Assessment.objects))
    assert prefetched <= 2  # the reference data only
