"""An assessment's PDF, its history, and a new version of an approved one."""

from django.urls import reverse

from assessments import services
from assessments.models import Assessment, Stage1Question
from idmf.core.dates import nhs_datetime
from tests.assessments.factories import approved, complete_stage1, complete_stage2, submitted
from tests.core.factories import ActionFactory
from tests.pdf_text import pdf_pages, pdf_text


def test_start_a_new_version(client_for, cast, draft):
    approved(submitted(draft, by=cast.author), by=cast.approver)
    response = client_for(cast.author).post(
        reverse("assessments:new_version", args=[draft.pk]), follow=True
    )
    new = Assessment.objects.get(previous_version=draft)
    assert new.status == Assessment.Status.DRAFT and new.created_by == cast.author
    assert "Version 2 started as a draft" in response.content.decode()
    page = (
        client_for(cast.viewer).get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    )
    assert "A newer version exists" in page


def test_html_is_text_in_page_and_pdf(client_for, cast, draft):
    draft.title = '<script>alert("x")</script> Plan'
    draft.overview = '<img src="http://example.com/x.png"> overview'
    draft.save()
    client = client_for(cast.viewer)
    page = client.get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Plan" in page
    text = pdf_text(client.get(reverse("assessments:pdf", args=[draft.pk])).content)
    assert '<img src="http://example.com/x.png"> overview' in text


def test_history_shows_answers_changed(client_for, cast, draft):
    client = client_for(cast.author)
    client.post(
        reverse("assessments:section", args=[draft.pk, "section-1"]),
        {"version": draft.version, "q1-answer": "yes", "q1-rationale": "First", "continue": "1"},
    )
    draft.refresh_from_db()
    client.post(
        reverse("assessments:section", args=[draft.pk, "section-1"]),
        {"version": draft.version, "q1-answer": "no", "q1-rationale": "Second", "continue": "1"},
    )
    page = client.get(reverse("assessments:history", args=[draft.pk])).content.decode()
    assert "<del>First</del> → <ins>Second</ins>" in page
    assert "<del>Yes</del> → <ins>No</ins>" in page
    assert "Stage 1 answers saved" in page
    assert cast.author.get_full_name() in page


def test_pdf_reads_like_the_form(client_for, cast, draft):
    complete_stage1(draft, flag=10)
    complete_stage2(draft, impact="negative")
    approved(submit_with_action(draft, cast), by=cast.approver)
    response = client_for(cast.viewer).get(reverse("assessments:pdf", args=[draft.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert response["Content-Disposition"].startswith('attachment; filename="ehiira-')
    for question in Stage1Question.objects.all():
        assert " ".join(question.text.split()) in text, question.number
    for heading in [
        "Section one: equality impact",
        "Section three: human rights impact",
        "Stage 2",
    ]:
        assert heading in text
    assert "The policy has been quality assured" in text
    approver = Assessment.objects.get(pk=draft.pk)
    assert (
        f"{approver.approver_name} E&I Business Partner {nhs_datetime(approver.approved_at)}"
        in text
    )
    assert "Question Yes / No" in text
    # Each rationale runs the full width beneath its question and answer.
    assert "10. " in text and "Rationale: Rationale for question 10." in text
    assert "Sexual orientation" in text
    pages = pdf_pages(response.content)
    assert len(pages) > 2
    # The running header names the organisation and the record on every page.
    for page in pages[1:]:
        assert cast.organisation.name in page and draft.title in page
        assert f"of {len(pages)}" in page


def submit_with_action(assessment, cast):
    ActionFactory(
        organisation=cast.organisation,
        title="Monitor uptake by deprivation quintile",
        source=assessment,
    )
    services.submit_assessment(assessment=assessment, by=cast.author)
    assessment.refresh_from_db()
    return assessment
