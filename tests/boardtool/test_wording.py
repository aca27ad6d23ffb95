"""The board's official wording, whole: key-line titles are never cut short in the PDF or
the Word document, and a prompt's lead-in ("To include:") reads as a sentence, not a point."""

import io
import re

import docx
import pytest
from django.urls import reverse

from boardtool.models import Kloe
from tests.boardtool.factories import ReviewFactory, prompt
from tests.pdf_text import pdf_text
from tests.publishing.test_downloads import texts_of

pytestmark = pytest.mark.django_db


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def review(cast):
    return ReviewFactory(organisation=cast.organisation, created_by=cast.author)


def test_every_key_line_title_is_whole_in_the_pdf_and_the_word_document(client_for, cast, review):
    client = client_for(cast.author)
    pdf = words(pdf_text(client.get(reverse("boardtool:pdf", args=[review.pk])).content))
    response = client.get(reverse("record_docx", args=["boardtool.review", review.pk]))
    word = words(" ".join(texts_of(docx.Document(io.BytesIO(response.content)))))
    titles = [f"{kloe.code}. {kloe.title}" for kloe in Kloe.objects.all()]
    assert len(titles) == 8
    for title in titles:
        assert title in pdf, title
        assert title in word, title


def test_to_include_is_a_lead_in_not_a_point(client_for, cast, review):
    k2p4 = prompt("K2P4")
    assert k2p4.lead_in == "To include:" and "To include:" not in k2p4.points
    page = (
        client_for(cast.author)
        .get(reverse("boardtool:cell", args=[review.pk, k2p4.pk]))
        .content.decode()
    )
    assert '<p class="nhsuk-u-margin-bottom-2">To include:</p>' in page
    assert '<li class="app-pre-wrap">To include:</li>' not in page
    assert '<li class="app-pre-wrap">Improve flu/COVID-19 vaccine uptake.</li>' in page
