"""The EDS working as an EDI lead checks it: how Domain 1 was rated, and the overall total's
change from last year, with its band's."""

import re

import pytest
from django.urls import reverse

from eds import lifecycle
from tests.eds.factories import choose, fully_graded
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_domain_1_rated_once_across_the_services_says_so(client_for, cast, report):
    choose(report, by=cast.author, grading="across")
    client = client_for(cast.author)
    card = words(client.get(reverse("eds:score_card", args=[report.pk])).content.decode())
    assert "Domain 1 was rated once across the chosen services" in card
    pdf = words(pdf_text(client.get(reverse("eds:pdf", args=[report.pk])).content))
    assert "Domain 1 was rated once across these services" in pdf


def test_the_overall_row_shows_its_change_and_its_bands(client_for, cast, report, sign_off):
    sign_off(report)  # 8 + 4 + 3 = 15, Developing
    following = lifecycle.start_next_year(report=report, by=cast.author)
    fully_graded(following, by=cast.author, per_service=(0, 0))  # 0 + 4 + 3 = 7

    card = words(
        client_for(cast.viewer).get(reverse("eds:score_card", args=[following.pk])).content.decode()
    )
    overall = card.split('id="overall"')[1].split("</tr>")[0]
    assert "▼" in overall and "(down from last year)" in overall
    assert "Band: Developing to Undeveloped" in overall


def test_a_drafts_edit_pages_show_last_years_scores(client_for, cast, report, sign_off):
    sign_off(report)  # every Domain 2 outcome rated 1: total 4
    following = lifecycle.start_next_year(report=report, by=cast.author)
    page = words(
        client_for(cast.author)
        .get(reverse("eds:page", args=[following.pk, "domain-2"]))
        .content.decode()
    )
    two_a = page.split('id="score-2A"')[1].split("</p>")[0]
    assert "Last year: 1" in two_a
    assert "Last year's total: 4." in page
