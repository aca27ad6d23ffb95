"""Outside the organisation small numbers are suppressed, with whatever would let them be
worked back; inside it the figures are shown in full. The thresholds are the organisation's."""

import json

import pytest
from django.urls import reverse

from idmf.evidence import services
from idmf.evidence.models import EvidenceSettings
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.evidence.factories import uptake_table, with_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cast):
    record = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author),
        *range(1, 7),
    )
    record.published = True
    record.save()
    return record


def cite(record, cast, numerators, n=1000):
    table = with_figures(
        uptake_table(cast.organisation, by=cast.author), numerators, by=cast.author, n=n
    )
    record.evidence_tables.set([table])
    return table


def test_a_small_count_is_suppressed_with_its_value_and_the_gap_it_makes(client, cast, published):
    cite(published, cast, [5, 310, 330, 360, 390])
    page = client.get(reverse("public_record", args=[published.pk])).content.decode()
    assert "Suppressed" in page and "0.5%" not in page
    assert "The gap is not shown: a group it compares has numbers too small to publish." in page
    assert "Counts from 1 to 7 are suppressed" in page
    assert "31.0%" in page  # a group with enough people is shown


def test_inside_the_organisation_the_figures_are_shown_in_full(client_for, cast, published):
    cite(published, cast, [5, 310, 330, 360, 390])
    page = client_for(cast.viewer).get(published.get_absolute_url()).content.decode()
    assert "0.5%" in page and "Suppressed" not in page


def test_the_organisations_threshold_decides(client, cast, published):
    cite(published, cast, [12, 310, 330, 360, 390])
    shown = client.get(reverse("public_record", args=[published.pk])).content.decode()
    # Only the "not known" row (1 of 10) is small enough to suppress.
    assert "1.2%" in shown and "percentage points lower in Quintile 1" in shown
    services.save_settings(
        organisation=cast.organisation,
        suppress_up_to=15,
        completeness_warning=10,
        by=cast.organisation_admin,
    )
    hidden = client.get(reverse("public_record", args=[published.pk])).content.decode()
    assert "Suppressed" in hidden and "1.2%" not in hidden and "Counts from 1 to 15" in hidden


def test_an_organisation_admin_sets_the_thresholds(client_for, cast):
    url = reverse("evidence:settings", args=[cast.organisation.pk])
    response = client_for(cast.organisation_admin).post(
        url, {"suppress_up_to": "10", "completeness_warning": "20"}
    )
    assert response.status_code == 302
    chosen = EvidenceSettings.objects.get(organisation=cast.organisation)
    assert (chosen.suppress_up_to, chosen.completeness_warning) == (10, 20)
    assert chosen.history.first().history_user == cast.organisation_admin
    assert client_for(cast.author).get(url).status_code == 403


def test_the_completeness_warning_follows_the_organisations_threshold(client_for, cast):
    table = with_figures(
        uptake_table(cast.organisation, by=cast.author),
        [5, 6, 7, 8, 9],
        by=cast.author,
        n=20,
    )
    # 10 of 110 not known: 9.1%, under the default 10%.
    page = client_for(cast.viewer).get(table.get_absolute_url()).content.decode()
    assert "Incomplete data" not in page
    services.save_settings(
        organisation=cast.organisation,
        suppress_up_to=7,
        completeness_warning=5,
        by=cast.organisation_admin,
    )
    page = client_for(cast.viewer).get(table.get_absolute_url()).content.decode()
    assert "Incomplete data" in page


def test_the_json_export_holds_the_tables_a_record_cites(client_for, cast, published):
    table = cite(published, cast, [290, 310, 330, 360, 390])
    url = reverse("record_json", args=["decisions.decisionrecord", published.pk])
    data = json.loads(client_for(cast.viewer).get(url).content)
    cited = data["equity_evidence"]
    assert cited[0]["id"] == table.pk
    assert cited[0]["rows"][0]["numerator"] == 290
    assert cited[0]["summary"].startswith("10.0 percentage points lower")
