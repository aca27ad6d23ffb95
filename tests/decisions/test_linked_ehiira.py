"""The EHIIRA linked at step 4: linking, creating, its status and outcome, and the decision
it must come before."""

import datetime

from django.urls import reverse

from idmf.decisions.models import DecisionStep
from tests.assessments.factories import (
    AssessmentFactory,
    approved,
    approved_assessment,
    complete_stage2,
    submitted,
)
from tests.decisions.factories import STEP_VALUES, complete_steps
from tests.decisions.posts import step_post


def test_step_4_shows_the_ehiira_status_and_outcome(client_for, cast, record):
    assessment = AssessmentFactory(organisation=cast.organisation, title="Clinic EHIIRA")
    record.assessment = assessment
    record.save()
    complete_stage2(assessment, outcome="adjust")
    page = (
        client_for(cast.viewer).get(reverse("decisions:step", args=[record.pk, 4])).content.decode()
    )
    assert "Clinic EHIIRA" in page and "Draft" in page and "Adjust the proposal" in page
    assert "can be completed once the EHIIRA is approved" in page


def test_forged_ehiira_id_of_another_organisation_is_refused(client_for, cast, record):
    theirs = AssessmentFactory(organisation=cast.other)
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 4]),
        step_post(record, 4) | {"assessment": theirs.pk, "link": "1"},
    )
    assert "Select a valid choice" in response.content.decode()
    record.refresh_from_db()
    assert record.assessment is None


def test_link_then_complete_step_4_after_approval(client_for, cast, record):
    complete_steps(record, 1, 2, 3)
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    client = client_for(cast.author)
    client.post(
        reverse("decisions:step", args=[record.pk, 4]),
        step_post(record, 4) | {"assessment": assessment.pk, "link": "1"},
    )
    record.refresh_from_db()
    assert record.assessment == assessment
    complete = step_post(record, 4) | {"complete": "1"}
    page = client.post(reverse("decisions:step", args=[record.pk, 4]), complete).content.decode()
    assert "The linked EHIIRA must be approved before this step is complete" in page
    approved(submitted(assessment, by=cast.author), by=cast.approver)
    record.refresh_from_db()
    response = client.post(
        reverse("decisions:step", args=[record.pk, 4]), step_post(record, 4) | {"complete": "1"}
    )
    assert response.status_code == 302
    assert DecisionStep.objects.get(record=record, number=4).completed_at


def test_create_ehiira_from_step_4(client_for, cast, record):
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 4]),
        step_post(record, 4) | {"create_assessment": "1"},
    )
    record.refresh_from_db()
    assert record.assessment.title == record.title
    assert response["Location"] == reverse(
        "assessments:section", args=[record.assessment.pk, "about"]
    )


def test_proceeding_against_a_stop_needs_a_justification(client_for, cast, record):
    assessment = AssessmentFactory(organisation=cast.organisation, outcome="stop")
    record.assessment = assessment
    record.save()
    client = client_for(cast.author)
    values = STEP_VALUES[5] | {"decision": "proceed"}
    page = client.post(
        reverse("decisions:step", args=[record.pk, 5]), step_post(record, 5, **values)
    ).content.decode()
    assert "The EHIIRA said stop" in page
    assert "Justify proceeding when the EHIIRA&#39;s outcome was to stop" in page
    record.refresh_from_db()
    assert record.decision == ""
    values["decision_justification"] = "Clinical safety requires it"
    response = client.post(
        reverse("decisions:step", args=[record.pk, 5]), step_post(record, 5, **values)
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.decision == "proceed"


def test_decision_date_before_the_ehiira_approval_is_refused(client_for, cast, record):
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    complete_steps(record, 1, 2, 3)
    record.assessment = assessment
    record.save()
    complete_steps(record, 4)
    record.refresh_from_db()
    values = STEP_VALUES[5] | {"decision_date": assessment.approved_on - datetime.timedelta(days=1)}
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 5]),
        step_post(record, 5, **values) | {"complete": "1"},
    )
    page = response.content.decode()
    assert "due regard must be paid before the decision is taken" in page
    assert not record.steps.filter(number=5, completed_at__isnull=False).exists()


def test_the_record_page_says_when_the_decision_predates_the_ehiira(client_for, cast, record):
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    record.assessment = assessment
    record.decision_date = assessment.approved_on - datetime.timedelta(days=30)
    record.save()
    page = client_for(cast.viewer).get(record.get_absolute_url()).content.decode()
    assert "Due regard came after the decision" in page
