"""The public register: only published, complete decisions, their pages and PDFs."""

from django.urls import reverse

from tests.decisions.factories import STEP_VALUES, DecisionRecordFactory, complete_steps
from tests.html import text_of
from tests.pdf_text import pdf_text


def test_public_register_shows_only_published_complete_decisions(client, cast):
    published = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="Published one"),
        1,
        2,
        3,
        4,
        5,
        6,
    )
    published.published = True
    published.save()
    unpublished = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="Kept internal"),
        1,
        2,
        3,
        4,
        5,
        6,
    )
    unfinished = DecisionRecordFactory(
        organisation=cast.organisation, title="Not finished", published=True
    )
    page = client.get(reverse("public_register")).content.decode()
    assert "Published one" in page
    assert "Kept internal" not in page and "Not finished" not in page
    detail = client.get(reverse("public_record", args=[published.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert STEP_VALUES[5]["due_regard_statement"] in page
    # Only what the public needs: no bookkeeping, no empty rows, no way in to log in.
    keys = text_of(detail)
    assert '<dt class="nhsuk-summary-list__key">Aims and objectives</dt>' in keys
    assert '<dt class="nhsuk-summary-list__key">Published</dt>' not in keys
    assert "Not given" not in page and "/login/" not in page
    pdf = client.get(reverse("public_record_pdf", args=[published.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert STEP_VALUES[5]["due_regard_statement"] in " ".join(pdf_text(pdf.content).split())
    for hidden in (unpublished, unfinished):
        assert client.get(reverse("public_record", args=[hidden.pk])).status_code == 404
        assert client.get(reverse("public_record_pdf", args=[hidden.pk])).status_code == 404
