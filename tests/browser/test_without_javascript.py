"""Every page works without JavaScript: forms post and pages render server-side."""

import re

import pytest
from playwright.sync_api import expect

from idmf.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def no_js_page(browser, live_server, demo_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_log_in_start_an_assessment_and_save_a_section_without_javascript(no_js_page, live_server):
    page = no_js_page
    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()

    page.goto(live_server.url + "/assessments/new/")
    page.get_by_label("Title of assessment").fill("Written without JavaScript")
    page.get_by_role("button", name="Start assessment").click()
    page.get_by_label("Title of assessment").fill("")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the page the press loads
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the title of assessment")

    page.get_by_label("Title of assessment").fill("Written without JavaScript")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Your changes have been saved"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Written without JavaScript")

    page.get_by_role("link", name="Section one: equality impact").click()
    page.locator("#id_q1-answer_0").check()
    page.locator("#id_q1-rationale").fill("It affects patients")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Section two: equality risk")
