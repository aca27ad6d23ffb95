"""Every tool cites equity evidence: an EHIIRA's Stage 2 group cites its row of a table, an EDS
outcome cites a table, a board review's cell cites a table as it cites any record. Only the
organisation's own tables are offered or taken."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from assessments.models import Stage2Group
from boardtool.models import Cell, Citation
from eds.models import OutcomeGrade
from idmf.evidence.models import EvidenceTable
from tests.assessments.factories import AssessmentFactory
from tests.boardtool.factories import ReviewFactory
from tests.boardtool.test_views import cell_url
from tests.eds.factories import EdsReportFactory
from tests.evidence.factories import uptake_table, with_figures
from tests.html import text_of

pytestmark = pytest.mark.django_db

QUINTILES = [290, 310, 330, 360, 390]


@pytest.fixture
def draft(cast):
    return AssessmentFactory(
        organisation=cast.organisation, created_by=cast.author, stage2_requested=True
    )


@pytest.fixture
def table(cast):
    return with_figures(uptake_table(cast.organisation, by=cast.author), QUINTILES, by=cast.author)


def test_a_stage_2_group_cites_its_row_of_a_table(client_for, cast, draft, table):
    group = Stage2Group.objects.get(name="Age")
    row = table.rows.get(group="Quintile 1 (most deprived)")
    url = reverse("assessments:section", args=[draft.pk, "protected"])
    client = client_for(cast.author)
    assert "Uptake of the service (April 2024 to March 2025)" in text_of(client.get(url))
    response = client.post(
        url,
        {
            "version": draft.version,
            f"g{group.pk}-impact": "negative",
            f"g{group.pk}-evidence": "Uptake is lowest in the most deprived quintile",
            f"g{group.pk}-mitigation": "Outreach",
            f"g{group.pk}-evidence_row_id": str(row.pk),
            "later": "1",
        },
    )
    assert response.status_code == 302
    assert draft.impacts.get(group=group).evidence_row == row
    page = text_of(client.get(reverse("assessments:check", args=[draft.pk])))
    assert (
        ">Uptake of the service</a>: Quintile 1 (most deprived): 29.0%, 95% CI 26.3% to 31.9%"
        in page
    )


def test_another_organisations_row_is_refused(client_for, cast, draft):
    theirs = uptake_table(cast.other, by=cast.outsider).rows.first()
    group = Stage2Group.objects.get(name="Age")
    response = client_for(cast.author).post(
        reverse("assessments:section", args=[draft.pk, "protected"]),
        {"version": draft.version, f"g{group.pk}-evidence_row_id": str(theirs.pk), "later": "1"},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not draft.impacts.exists()


def test_an_eds_outcome_cites_a_table(client_for, cast, table):
    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    client = client_for(cast.author)
    response = client.post(
        reverse("eds:page", args=[report.pk, "domain-2"]),
        {
            "version": report.version,
            "2A-evidence": "Staff survey by deprivation of home postcode",
            "2A-evidence_table_id": str(table.pk),
            "later": "1",
        },
    )
    assert response.status_code == 302
    assert OutcomeGrade.objects.get(report=report).evidence_table == table
    page = text_of(client.get(reverse("eds:check", args=[report.pk])))
    assert 'Equity evidence: <a href="/evidence/' in page and ">Uptake of the service</a>" in page


def test_a_board_cell_cites_a_table_as_it_cites_any_record(client_for, cast, table):
    review = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
    client = client_for(cast.author)
    page = text_of(client.get(cell_url(review, "K1P3")))
    assert "Equity evidence table: Uptake of the service, April 2024 to March 2025" in page
    type_id = ContentType.objects.get_for_model(EvidenceTable).pk
    response = client.post(
        cell_url(review, "K1P3"),
        {
            "version": review.version,
            "rating": "partially_assured",
            "evidence": "Uptake by quintile",
            "citations": [f"{type_id}-{table.pk}"],
            "later": "1",
        },
    )
    assert response.status_code == 302
    assert Citation.objects.get(cell=Cell.objects.get(review=review)).record == table


def test_the_tracker_offers_only_the_tools_that_raise_actions(client_for, cast):
    page = client_for(cast.viewer).get(reverse("action_list")).content.decode()
    assert ">EHIIRA</option>" in page and "Equity evidence table</option>" not in page


def test_a_table_has_its_own_pdf_word_and_json(client_for, cast, table):
    from idmf.core.records import kind_for
    from idmf.core.typesetting import render_pdf
    from tests.pdf_text import pdf_text

    text = " ".join(pdf_text(render_pdf(*kind_for(EvidenceTable).pdf(table))).split())
    assert "10.0 percentage points lower in Quintile 1 (most deprived)" in text
    assert "Quintile 5 (least deprived) 390 1,000 39.0% 36.0% to 42.1%" in text
    client = client_for(cast.viewer)
    word = client.get(reverse("record_docx", args=["evidence.evidencetable", table.pk]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    data = client.get(reverse("record_json", args=["evidence.evidencetable", table.pk])).json()
    assert data["kind_label"] == "Equity evidence table" and data["rows"][0]["numerator"] == 290
    assert data["summary"].startswith("10.0 percentage points lower")
