"""Re-measuring: the next period of an indicator, and whether its gap narrowed, widened or did
not change beyond chance, computed from the two periods' figures."""

import pytest
from django.urls import reverse

from idmf.core.services import Refused
from idmf.evidence import trend
from idmf.evidence.models import EvidenceTable
from tests.evidence.factories import next_of, uptake_table, with_figures

pytestmark = pytest.mark.django_db


def test_the_next_period_has_the_same_groups_and_no_figures(cast):
    first = uptake_table(cast.organisation, by=cast.author)
    later = next_of(first, by=cast.author)
    assert [r.group for r in later.rows.all()] == [r.group for r in first.rows.all()]
    assert not later.rows.filter(numerator__isnull=False).exists()
    assert later.follows == first and later.series == first and later.indicator == first.indicator


def test_only_the_latest_period_is_re_measured_and_only_after_it_ends(cast):
    first = uptake_table(cast.organisation, by=cast.author)
    with pytest.raises(Refused, match="must start after this one ends"):
        next_of(first, by=cast.author, year=2024)
    next_of(first, by=cast.author)
    with pytest.raises(Refused, match="already has a later period"):
        next_of(first, by=cast.author, year=2026)


@pytest.mark.parametrize(
    ("now", "said"),
    [
        ([340, 345, 350, 355, 381], "The gap narrowed from 10.0 percentage points to 4.1"),
        ([200, 260, 300, 350, 390], "The gap widened from 10.0 percentage points to 19.0"),
        (
            [295, 310, 330, 360, 390],
            "No change beyond chance in the gap (10.0 percentage points to 9.5",
        ),
    ],
)
def test_the_change_from_the_baseline_is_computed(cast, client_for, now, said):
    first = with_figures(
        uptake_table(cast.organisation, by=cast.author), [290, 310, 330, 360, 390], by=cast.author
    )
    later = with_figures(next_of(first, by=cast.author), now, by=cast.author)
    periods = trend.periods_of(later)
    moved = trend.baseline_to_now(periods)
    assert moved.said.startswith(said)
    page = client_for(cast.viewer).get(later.get_absolute_url()).content.decode()
    assert said in page and "Every period" in page


def test_the_sii_moves_beside_the_gap(cast):
    first = with_figures(
        uptake_table(cast.organisation, by=cast.author), [290, 310, 330, 360, 390], by=cast.author
    )
    later = with_figures(next_of(first, by=cast.author), [340, 345, 350, 355, 381], by=cast.author)
    moved = trend.baseline_to_now(trend.periods_of(later))
    assert "(SII 12.5 percentage points → 4.6 percentage points)" in moved.said


def test_a_table_with_many_periods_is_read_in_the_same_queries(
    cast, client_for, django_assert_max_num_queries
):
    table = with_figures(
        uptake_table(cast.organisation, by=cast.author), [290, 310, 330, 360, 390], by=cast.author
    )
    client = client_for(cast.viewer)
    client.get(table.get_absolute_url())
    with django_assert_max_num_queries(12) as few:
        client.get(table.get_absolute_url())
    for year in range(2025, 2030):
        table = with_figures(
            next_of(table, by=cast.author, year=year), [300, 310, 330, 360, 380], by=cast.author
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(table.get_absolute_url())
    assert response.content.decode().count("Change since the period before") == 1


def test_the_next_period_page_starts_it_and_goes_to_its_figures(cast, client_for):
    first = uptake_table(cast.organisation, by=cast.author)
    response = client_for(cast.author).post(
        reverse("evidence:next_period", args=[first.pk]),
        {
            "period_from_0": "1",
            "period_from_1": "4",
            "period_from_2": "2025",
            "period_to_0": "31",
            "period_to_1": "3",
            "period_to_2": "2026",
        },
    )
    later = EvidenceTable.objects.get(follows=first)
    assert response.url == reverse("evidence:figures", args=[later.pk])
