"""The score card's bands belong to the overall total only (docs: "adding all outcome scores
in all domains"): a report rated 3 throughout reads Excelling overall, and each domain says
the rating its outcomes average, never a band."""

import re

import pytest
from django.urls import reverse

from tests.eds.factories import fully_graded
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_report_rated_3_throughout_has_no_developing_domains(client_for, cast, report):
    fully_graded(report, by=cast.author, per_service=(3, 3), others=3)
    client = client_for(cast.author)
    card = words(client.get(reverse("eds:score_card", args=[report.pk])).content.decode())
    card = card.split('id="score-card"')[1].split("</table>")[0]
    assert "Developing" not in card and "Undeveloped" not in card
    assert card.count("Average rating 3: Excelling") == 3
    assert "33 – Excelling" in card
    pdf = words(pdf_text(client.get(reverse("eds:pdf", args=[report.pk])).content))
    assert pdf.count("average 3: Excelling") == 3 and "Developing" not in pdf.split("Domain 1")[1]


def test_a_domain_between_two_ratings_says_so(client_for, cast, report):
    fully_graded(report, by=cast.author, per_service=(2, 3), others=2)  # 1A–1D: 2.5 → 3 each
    page = words(
        client_for(cast.author).get(reverse("eds:score_card", args=[report.pk])).content.decode()
    )
    assert "Average rating 3: Excelling" in page  # Domain 1: 12 ÷ 4
    assert "Average rating 2: Achieving" in page


def test_the_scoring_page_says_bands_are_for_the_overall_total_only(client):
    page = words(client.get(reverse("eds:scoring")).content.decode())
    assert "bands belong to the overall total only" in page
    assert "A band is never given to a domain total" in page
