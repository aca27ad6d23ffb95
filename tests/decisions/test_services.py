import datetime

import pytest

from assessments.models import Assessment
from idmf.actions.models import Action
from idmf.core.services import StaleEdit
from idmf.decisions import services
from idmf.decisions.models import DecisionReview, DecisionStep
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.core.factories import ServiceFactory
from tests.decisions.factories import add_review, complete_steps, fill_steps


def save_step(record, number, values, *, by, version=None, action=None, link=None):
    """Save a step's values as its page would, from the version the page was opened at."""
    return services.save_decision_step(
        record=record,
        number=number,
        values=values,
        evidence_notes="",
        expected_version=record.version if version is None else version,
        action=action,
        link=link,
        by=by,
    )


def test_create_records_who_started_it(cast):
    record = services.create_decision_record(
        organisation=cast.organisation,
        title="Relocate clinic",
        kind="service_change",
        by=cast.author,
    )
    assert record.history.get().history_user == cast.author


def test_save_a_step_and_its_evidence_notes(record, cast):
    services.save_decision_step(
        record=record,
        number=2,
        values={"uptake_data": "29% vs 39%"},
        evidence_notes="Abbott data, 2021",
        expected_version=record.version,
        by=cast.author,
    )
    record.refresh_from_db()
    assert record.uptake_data == "29% vs 39%"
    step = DecisionStep.objects.get(record=record, number=2)
    assert step.evidence_notes == "Abbott data, 2021"
    assert step.history.get().history_change_reason == "Step 2 saved"


def test_stale_save_is_refused(record, cast):
    opened = record.version
    save_step(record, 1, {"aims": "First"}, by=cast.author, version=opened)
    with pytest.raises(StaleEdit, match="Someone else saved"):
        save_step(record, 1, {"aims": "Second"}, by=cast.author, version=opened)
    record.refresh_from_db()
    assert record.aims == "First"


def test_complete_steps_in_order(record, cast):
    fill_steps(record, 1, 2)
    with pytest.raises(services.DecisionError) as refused:
        services.complete_decision_step(record=record, number=2, by=cast.author)
    assert refused.value.problems == ["Complete step 1 first: steps are completed in order"]
    step = services.complete_decision_step(record=record, number=1, by=cast.author)
    assert step.completed_by == cast.author and step.completed_at
    services.complete_decision_step(record=record, number=2, by=cast.author)
    record.refresh_from_db()
    assert record.steps_completed == 2


def test_reopening_a_step_takes_it_off_the_stored_progress(record, cast):
    fill_steps(record, 1, 2)
    for number in (1, 2):
        services.complete_decision_step(record=record, number=number, by=cast.author)
    services.reopen_decision_step(record=record, number=2, by=cast.author)
    record.refresh_from_db()
    assert record.steps_completed == 1


def test_a_completed_step_cannot_be_saved_until_reopened(record, cast):
    complete_steps(record, 1)
    with pytest.raises(services.DecisionError, match="Reopen it"):
        save_step(record, 1, {"aims": "x"}, by=cast.author)
    services.reopen_decision_step(record=record, number=1, by=cast.author)
    record.refresh_from_db()
    save_step(record, 1, {"aims": "x"}, by=cast.author)


def test_step_4_completes_only_when_the_linked_ehiira_is_approved(record, cast):
    complete_steps(record, 1, 2, 3)
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    save_step(record, 4, {}, link=assessment, by=cast.author)
    with pytest.raises(services.DecisionError, match="must be approved"):
        services.complete_decision_step(record=record, number=4, by=cast.author)
    approved(submitted(assessment, by=cast.author), by=cast.approver)
    record.refresh_from_db()
    services.complete_decision_step(record=record, number=4, by=cast.author)


def test_an_ehiira_of_another_organisation_cannot_be_linked(record, cast):
    theirs = AssessmentFactory(organisation=cast.other)
    with pytest.raises(services.DecisionError, match="same organisation"):
        save_step(record, 4, {}, link=theirs, by=cast.author)
    record.refresh_from_db()
    assert record.assessment is None


def test_create_an_ehiira_prefilled_from_the_decision(record, cast):
    service = ServiceFactory(organisation=cast.organisation, name="Diabetes")
    record.aims, record.what_changes = "Equitable uptake", "Primary care initiation"
    record.save()
    record.services.set([service])
    assessment = services.create_assessment_for_decision(record=record, by=cast.author)
    assert assessment.title == record.title
    assert assessment.organisation == cast.organisation
    assert assessment.overview == "Equitable uptake\n\nPrimary care initiation"
    assert list(assessment.services.all()) == [service]
    record.refresh_from_db()
    assert record.assessment == assessment
    assert Assessment.objects.get().created_by == cast.author


def test_a_complete_record_is_read_only_except_reviews(record, cast):
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    with pytest.raises(services.DecisionError, match="complete"):
        save_step(record, 6, {"measures": "x"}, by=cast.author)
    with pytest.raises(services.DecisionError):
        save_step(
            record,
            6,
            {},
            action={"title": "x", "owner": "y", "due_date": datetime.date.today()},
            by=cast.author,
        )
    review = add_review(
        record,
        "Uptake gap closed to 3 points",
        next_review_date=datetime.date(2023, 6, 8),
        by=cast.author,
    )
    record.refresh_from_db()
    assert record.review_date == datetime.date(2023, 6, 8)
    assert DecisionReview.objects.get() == review
    assert not Action.objects.exists()


def test_next_review_must_follow_the_review(record, cast):
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    with pytest.raises(services.DecisionError, match="after this review"):
        add_review(record, "n", next_review_date=datetime.date(2022, 6, 1), by=cast.author)


def test_step_6_actions_use_the_shared_model(record, cast):
    save_step(
        record,
        6,
        {},
        action={
            "title": "Monitor uptake",
            "owner": "PHM lead",
            "due_date": datetime.date(2027, 1, 1),
        },
        by=cast.author,
    )
    action = Action.objects.get()
    assert action.source == record and action.organisation == cast.organisation
