"""A decision record cites equity evidence: step 2 attaches tables, step 6 names those to
re-measure, and at the review the next period shows baseline → now on the record."""

import pytest
from django.urls import reverse

from tests.decisions.factories import STEP_VALUES, DecisionRecordFactory, complete_steps
from tests.decisions.posts import step_post
from tests.evidence.factories import next_of, uptake_table, with_figures

pytestmark = pytest.mark.django_db

BASELINE = [290, 310, 330, 360, 390]


@pytest.fixture
def record(cast):
    return DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)


@pytest.fixture
def table(cast):
    return with_figures(uptake_table(cast.organisation, by=cast.author), BASELINE, by=cast.author)


def test_step_2_cites_a_table_and_the_record_states_its_gap(cast, client_for, record, table):
    client = client_for(cast.author)
    step = reverse("decisions:step", args=[record.pk, 2])
    assert (
        "Uptake of the service (1 April 2024 to 31 March 2025)" in client.get(step).content.decode()
    )
    response = client.post(step, step_post(record, 2, **STEP_VALUES[2], evidence_tables=[table.pk]))
    assert response.status_code == 302
    assert list(record.evidence_tables.all()) == [table]
    page = client_for(cast.viewer).get(record.get_absolute_url()).content.decode()
    assert "Equity evidence" in page
    assert "10.0 percentage points lower in Quintile 1 (most deprived)" in page


def test_another_organisations_table_cannot_be_cited(cast, client_for, record):
    theirs = uptake_table(cast.other, by=cast.outsider)
    step = reverse("decisions:step", args=[record.pk, 2])
    response = client_for(cast.author).post(
        step, step_post(record, 2, **STEP_VALUES[2], evidence_tables=[theirs.pk])
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not record.evidence_tables.exists()


def test_at_the_review_the_next_period_shows_baseline_to_now(cast, client_for, record, table):
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    record.remeasured_tables.set([table])
    client = client_for(cast.author)
    review = client.get(reverse("decisions:review", args=[record.pk])).content.decode()
    assert reverse("evidence:next_period", args=[table.pk]) in review
    later = with_figures(next_of(table, by=cast.author), [340, 345, 350, 355, 381], by=cast.author)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Measures re-measured at the review" in page
    assert "Baseline to now (1 April 2025 to 31 March 2026): The gap narrowed from 10.0" in page
    assert reverse("evidence:next_period", args=[later.pk]) in page
