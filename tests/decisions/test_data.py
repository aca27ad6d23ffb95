"""A decision record as open data: the six steps' answers grouped by step with its title,
the linked EHIIRA, the decision and reviews, as stored, and nothing `json.dumps` cannot
write."""

import dataclasses
import datetime

import pytest

from idmf.core.records import kind_for
from idmf.decisions import services
from idmf.decisions.data import decision_data
from idmf.decisions.models import STEP_TITLES, DecisionRecord
from idmf.decisions.report import with_parts
from idmf.publishing.data import record_data
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.core.factories import ServiceFactory
from tests.data_export import export_queries, round_trip
from tests.decisions.factories import STEP_VALUES, DecisionRecordFactory, add_review, complete_steps

pytestmark = pytest.mark.django_db

TRICKY = '<b>Bold</b> & =SUM(A1:A9) "quoted"\nsecond line – en dash'


@pytest.fixture
def record(cast):
    return DecisionRecordFactory(
        organisation=cast.organisation, created_by=cast.author, title="Insulin pump <i>access</i>"
    )


def completed_record(record, cast):
    """All six steps complete, with an approved EHIIRA linked and one review added."""
    complete_steps(record, 1, 2, 3)
    record.aims = TRICKY
    record.affected_groups = ["patients", "carers"]
    record.save()
    record.services.set([ServiceFactory(organisation=cast.organisation, name="Diabetes care")])
    record.partner_organisations.set([cast.sibling])
    ehiira = AssessmentFactory(
        organisation=cast.organisation, created_by=cast.author, title="EHIIRA: insulin pumps"
    )
    approved(submitted(ehiira, by=cast.author), by=cast.approver)
    record.assessment = ehiira
    record.save()
    complete_steps(record, 4, 5, 6)
    add_review(
        record,
        "Uptake up in the most deprived quintile. =SUM(B2:B5)",
        next_review_date=datetime.date(2023, 6, 8),
        by=cast.author,
    )
    return ehiira


def test_a_started_record_lists_all_six_steps_with_what_was_typed(record, cast):
    services.save_decision_step(
        record=record,
        number=1,
        values={
            "aims": TRICKY,
            "scope": "Type 1 diabetes",
            "affected_groups": ["staff"],
            "services": [ServiceFactory(organisation=cast.organisation, name="Podiatry")],
        },
        evidence_notes="Notes with <script>alert(1)</script>",
        expected_version=None,
        by=cast.author,
    )

    data = round_trip(decision_data(DecisionRecord.objects.get(pk=record.pk)))

    assert data["title"] == "Insulin pump <i>access</i>"
    assert (data["decision_kind"], data["decision_kind_label"]) == (
        "service_change",
        "Service change",
    )
    assert data["services"] == ["Podiatry"]
    assert data["affected_groups"] == [{"value": "staff", "label": "Staff"}]
    steps = data["steps"]
    assert [(s["number"], s["title"]) for s in steps] == list(STEP_TITLES.items())
    step1 = steps[0]
    assert step1["answers"]["aims"] == TRICKY
    assert step1["answers"]["scope"] == "Type 1 diabetes"
    assert step1["answers"]["what_changes"] == ""
    assert "title" not in step1["answers"] and "kind" not in step1["answers"]
    assert step1["evidence_notes"] == "Notes with <script>alert(1)</script>"
    assert not any(s["completed"] for s in steps)
    assert {s["completed_at"] for s in steps} == {""}
    assert set(steps[1]["answers"]) == set(STEP_VALUES[2])
    assert steps[3]["answers"] == {}
    assert data["steps_completed"] == 0 and data["complete"] is False
    assert data["assessment"] is None
    assert (data["decision"], data["decision_label"]) == ("", "")
    assert data["decision_date"] == "" and data["review_date"] == ""
    assert data["published"] is False
    assert data["reviews"] == []


def test_a_completed_record_with_its_ehiira_decision_and_review(record, cast):
    ehiira = completed_record(record, cast)

    data = round_trip(decision_data(record))

    assert data["partner_organisations"] == ["Sibling Trust"]
    assert data["services"] == ["Diabetes care"]
    assert [g["value"] for g in data["affected_groups"]] == ["patients", "carers"]
    assert data["steps"][0]["answers"]["aims"] == TRICKY
    assert data["steps"][1]["answers"]["uptake_data"] == STEP_VALUES[2]["uptake_data"]
    assert data["steps"][4]["answers"]["minute_reference"] == "CE/21/045"
    assert data["steps"][5]["answers"] == {"measures": "Uptake by deprivation quintile"}
    assert all(s["completed"] for s in data["steps"])
    for step in data["steps"]:
        datetime.datetime.fromisoformat(step["completed_at"])
    assert data["steps_completed"] == 6 and data["complete"] is True
    assert data["assessment"] == {"id": ehiira.pk, "title": "EHIIRA: insulin pumps"}
    assert data["decision"] == "proceed_with_mitigations"
    assert data["decision_label"] == "Proceed with mitigations"
    assert data["decision_date"] == "2021-06-08"
    # Adding the review set the next review date.
    assert data["review_date"] == "2023-06-08"
    assert data["reviews"] == [
        {
            "reviewed_on": "2022-06-08",
            "notes": "Uptake up in the most deprived quintile. =SUM(B2:B5)",
            "next_review_date": "2023-06-08",
        }
    ]


def test_the_whole_export_keeps_the_envelope_kind(record, cast):
    completed_record(record, cast)
    kind = dataclasses.replace(kind_for(DecisionRecord), data=decision_data)

    data = round_trip(record_data(kind, kind.queryset().get(pk=record.pk), url="https://x.test/"))

    assert data["kind"] == "decisions.decisionrecord"
    assert data["decision_kind"] == "service_change"
    assert data["status"] == "Complete"
    assert len(data["steps"]) == 6


def test_queries_do_not_grow_with_steps_and_reviews(record, cast):
    bare = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    completed_record(record, cast)

    assert export_queries(decision_data, record)[0] == export_queries(decision_data, bare)[0]
    assert export_queries(decision_data, record, with_parts(DecisionRecord.objects))[0] == 0
