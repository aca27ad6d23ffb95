"""The demo's EDS report is the MSE ICB 2022/23 report, with the seed's own totals."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from eds.models import EdsReport
from eds.report import build_report, with_parts
from idmf.actions.models import Action
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mse_report(db):
    call_command("load_demo")
    return with_parts(EdsReport.objects).get(year="2022/23")


def test_the_mse_report_totals_as_the_seed_does(mse_report):
    card = build_report(mse_report).card
    # The MSE report printed bands on domain totals; the template bands the overall only.
    totals = [(str(d.total), str(d.average), d.average_words) for d in card.domains]
    assert totals == [
        ("10", "2.5", "between Achieving and Excelling"),
        ("4", "1", "Developing"),
        ("3", "1", "Developing"),
    ]
    assert (str(card.overall), card.band.label) == ("17", "Developing")
    assert card.domains[0].outcomes[0].score.working == "1A: (1 + 2) ÷ 2 = 1.5 → 2"
    assert mse_report.is_published
    assert [s.name for s in build_report(mse_report).services] == [
        "Perinatal mental health (EPUT)",
        "Maternity (MSE FT)",
    ]


def test_every_grade_and_action_of_the_seed_is_there(mse_report):
    assert mse_report.grades.count() == 15
    assert mse_report.objectives.count() == 15
    built = build_report(mse_report)
    assert sum(len(row.actions) for row in built.plan) == 40
    two_a = next(row for row in built.plan if row.outcome.code == "2A")
    assert [a.due_date.isoformat() for a in two_a.actions] == [
        "2023-02-28",
        "2023-07-31",
        "2024-03-31",
    ]
    assert Action.objects.filter(organisation=mse_report.organisation).count() == 40


def test_the_public_page_and_pdf_show_the_overall_rating(mse_report, client):
    page = client.get(reverse("eds:public_register"))
    assert "NHS Mid and South Essex Integrated Care Board" in page.content.decode()
    assert "17 – Developing" in page.content.decode()
    report_page = client.get(reverse("eds:public_report", args=[mse_report.pk])).content.decode()
    assert "EDS Organisation Rating (overall rating): <strong>17 – Developing" in report_page
    assert "Dr Sophia Morris, System Clinical Lead for Health Inequalities" in report_page
    pdf = client.get(reverse("eds:public_report_pdf", args=[mse_report.pk])).content
    text = " ".join(pdf_text(pdf).split())
    assert "EDS Organisation Rating (overall rating): 17 – Developing" in text
    assert "1A: (1 + 2) ÷ 2 = 1.5 → 2" in text
    assert "Domain 2: 1 + 1 + 1 + 1 = 4" in text
    assert "Authorisation Date July 2023" in text
