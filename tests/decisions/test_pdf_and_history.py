"""A decision record's PDF and its history."""

from django.urls import reverse

from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.decisions.factories import complete_steps
from tests.decisions.posts import step_post
from tests.pdf_text import pdf_text


def test_pdf_has_every_step_and_the_ehiira_summary(client_for, cast, record):
    assessment = AssessmentFactory(
        organisation=cast.organisation, title="Clinic EHIIRA", created_by=cast.author
    )
    approved(
        submitted(assessment, by=cast.author), by=cast.approver, comment="Rigorous and complete"
    )
    record.assessment = assessment
    record.save()
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    response = client_for(cast.viewer).get(reverse("decisions:pdf", args=[record.pk]))
    text = " ".join(pdf_text(response.content).split())
    for heading in [
        "Step 1: Define the proposal",
        "Step 2: Gather evidence",
        "Step 3: Engage and involve",
        "Step 4: Assess impact",
        "Step 5: Decide with due regard",
        "Step 6: Monitor and review",
        "Summary of the linked EHIIRA",
    ]:
        assert heading in text
    assert "29% in the most deprived quintile vs 39% in the least" in text
    assert "Clinic EHIIRA" in text and "Rigorous and complete" in text
    assert "Not needed: no Stage 1 answer called for it" in text


def test_history_of_a_record(client_for, cast, record):
    client = client_for(cast.author)
    client.post(
        reverse("decisions:step", args=[record.pk, 1]),
        step_post(record, 1, title=record.title, kind="policy", aims="Fairer access"),
    )
    page = client.get(reverse("decisions:history", args=[record.pk])).content.decode()
    assert "Step 1 saved" in page and "<ins>Fairer access</ins>" in page
