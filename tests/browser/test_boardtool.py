"""A reviewer rates cells of a board assurance review and sees them on the scorecard; a
board secretary builds a pack with it, waits for it, and downloads it."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from boardtool.models import Review
from tests.browser.pages import fill_date, press
from tests.pdf_text import pdf_outline_titles, pdf_text

pytestmark = pytest.mark.browser


def test_a_review_is_rated_approved_and_packed(log_in, live_server):
    page = log_in("author")
    page.goto(live_server.url + "/board/")
    page.get_by_role("button", name="Start a review").click()
    page.get_by_label("A delivery plan").check()
    page.get_by_label("Name of the strategy, plan or initiative").fill("Elective recovery plan")
    page.get_by_label("Board or committee").fill("Trust Board")
    press(page, "Start the review", banner="Review started")

    page.locator("#cell-K1-P1 a").click()
    expect(page.locator("#prompt")).to_contain_text("Bring questioning and challenge")
    page.get_by_label("Assured", exact=True).check()
    page.get_by_label("Evidence (optional)", exact=True).fill(
        "Waiting lists are reported by ethnicity and IMD"
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="K1 × P2")).to_be_visible()
    page.get_by_label("Not assured").check()
    page.get_by_label("Evidence (optional)", exact=True).fill("No data on digital exclusion")
    page.get_by_role("button", name="Save and come back later").click()

    page.get_by_role("link", name="Scorecard").click()
    expect(page.locator("#cell-K1-P1")).to_contain_text("Assured")
    expect(page.locator("#cell-K1-P2")).to_contain_text("Not assured")
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("button", name="Check and submit").click()
    press(page, "Submit for approval", banner="submitted")
    page.get_by_role("button", name="Log out").click()

    page = log_in("approver")
    review = Review.objects.get(subject="Elective recovery plan")
    page.goto(live_server.url + review.get_absolute_url())
    page.get_by_role("button", name="Approve", exact=True).click()
    press(page, "Approve review", banner="Review approved")
    page.get_by_role("button", name="Log out").click()

    page = log_in("secretary")
    page.goto(live_server.url + "/board/packs/")
    page.get_by_role("button", name="Build a pack").click()
    page.get_by_label("Board or committee").fill("Trust Board")
    fill_date(page, "Meeting date", "10", "12", "2026")
    page.get_by_label("Board assurance review: Elective recovery plan (Approved)").check()
    page.get_by_role("button", name="Build the pack").click()
    expect(page.locator("#progress")).to_contain_text("Waiting to be built")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    # The page looks again every few seconds by itself, and shows the download when built.
    expect(page.locator("#progress")).to_contain_text("Built on", timeout=20000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the pack (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert "Trust Board" in pdf_text(pdf)
    assert "Scorecard: Elective recovery plan" in pdf_outline_titles(pdf)
