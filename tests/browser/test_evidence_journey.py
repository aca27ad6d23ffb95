"""Equity evidence from a file to a narrowing gap: an analyst's CSV with two errors is refused
with both named and taken once fixed; the author cites the table at step 2; at the review the
next period is entered and the record says the gap narrowed; the dashboard tracks it."""

import pytest
from django.apps import apps
from playwright.sync_api import expect

from idmf.core.models import Organisation
from idmf.demo import LLR_ICB
from idmf.evidence.models import EvidenceTable
from tests.browser.pages import fill, fill_date, press
from tests.decisions.factories import DecisionRecordFactory, complete_steps

pytestmark = pytest.mark.browser

INDICATOR = "Type 1 patients offered structured education"
BASELINE = """group,numerator,denominator
Quintile 1 (most deprived),29O,1000
Quintile 2,310,1000
Quintile 3,330,1000
Quintile 4,360,1000
Quintile 5 (least deprived),1390,1000
Not known / not recorded,5,50
"""
NOW = BASELINE.replace("29O", "340").replace("1390", "381")


def csv(text: str) -> dict:
    return {"name": "figures.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def given_a_table_started_by_the_analyst(page, live_server):
    page.goto(live_server.url + "/evidence/new/")
    page.get_by_label("Organisation").select_option(label=LLR_ICB)
    fill(
        page,
        {
            "Indicator": INDICATOR,
            "What is counted (the numerator)": "Patients offered education",
            "Out of whom (the denominator or population)": "Type 1 patients registered",
            "Source": "Practice systems",
        },
    )
    fill_date(page, "Period from", "1", "4", "2024")
    fill_date(page, "Period to", "31", "3", "2025")
    page.get_by_label("IMD quintile").check()
    page.get_by_label("Proportion (a numerator and a denominator for each group)").check()
    page.get_by_label("Higher is better").check()
    press(page, "Start the table", banner="Table started")


def when_a_file_is_uploaded(page, text):
    page.get_by_label("CSV file").set_input_files(csv(text))
    page.get_by_role("button", name="Upload the file").click()


def test_a_gap_from_a_file_to_narrowing(log_in, live_server):
    page = log_in("author")
    given_a_table_started_by_the_analyst(page, live_server)
    page.get_by_role("link", name="upload them from a CSV file").click()

    when_a_file_is_uploaded(page, BASELINE)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Row 2, column “numerator”: “29O” is not a number.")
    expect(summary).to_contain_text("Row 6, column “numerator”: 1,390 is more than the denominator")
    expect(page.get_by_role("region", name="What the file held")).to_contain_text("29O")

    when_a_file_is_uploaded(page, BASELINE.replace("29O", "290").replace("1390", "390"))
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Figures uploaded")
    expect(page.locator("#summary")).to_contain_text("10.0 percentage points lower")

    # The author cites it at step 2 of a decision.
    author = apps.get_model("auth", "User").objects.get(username="author")
    record = DecisionRecordFactory(
        organisation=Organisation.objects.get(name=LLR_ICB),
        created_by=author,
        title="Structured education in community venues",
    )
    complete_steps(record, 1)
    page.goto(live_server.url + f"/decisions/{record.pk}/step/2/")
    page.get_by_label(INDICATOR, exact=False).check()
    page.get_by_role("button", name="Save and return to the steps").click()
    expect(page.get_by_role("heading", name="Equity evidence")).to_be_visible()

    # All six steps done, the table named to re-measure; at the review, the next period.
    table = EvidenceTable.objects.get(indicator=INDICATOR)
    complete_steps(record, 2, 3, 4, 5, 6)
    record.remeasured_tables.set([table])
    page.goto(live_server.url + f"/decisions/{record.pk}/review/")
    page.get_by_role("link", name=f"Enter the next period of {INDICATOR}").click()
    fill_date(page, "Period from", "1", "4", "2025")
    fill_date(page, "Period to", "31", "3", "2026")
    press(page, "Start the next period", banner="Next period started")
    page.get_by_role("link", name="upload them from a CSV file").click()
    when_a_file_is_uploaded(page, NOW)
    expect(page.locator("#change")).to_contain_text("The gap narrowed from 10.0 percentage points")

    page.goto(live_server.url + record.get_absolute_url())
    remeasured = page.locator("h2:has-text('Measures re-measured at the review') + ul")
    expect(remeasured).to_contain_text("Baseline to now")
    expect(remeasured).to_contain_text("The gap narrowed")

    page.goto(live_server.url + "/dashboard/")
    page.get_by_label("Organisation or system").select_option(label=LLR_ICB)
    page.get_by_role("button", name="Show the dashboard").click()
    tracked = page.get_by_role("region", name="Gaps we are tracking")
    expect(tracked.get_by_role("row", name=INDICATOR)).to_contain_text("Narrowing over 2 periods")
