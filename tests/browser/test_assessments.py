import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import fill_action, press
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser

LONG_TIMEOUT = 15_000


def answer_section(page, numbers, *, flag=None):
    """Answer each question: No with a rationale, except `flag`, answered Yes."""
    for number in numbers:
        choice = "yes" if number == flag else "no"
        page.locator(f"#id_q{number}-answer_{0 if choice == 'yes' else 1}").check()
        page.locator(f"#id_q{number}-rationale").fill(
            f"Rationale {number}: considered with partners"
        )
    page.get_by_role("button", name="Save and continue").click()


def test_author_completes_stage1_and_stage2_then_an_approver_approves(log_in, live_server, browser):
    page = log_in("author")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assessments").click()
    page.get_by_role("button", name="Start an assessment").click()
    page.get_by_label("Title of assessment").fill("Community diabetes clinic relocation")
    page.get_by_role("button", name="Start assessment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About the assessment")
    page.get_by_label("Service area").fill("Diabetes services")
    page.get_by_label("Overview of proposal, policy, service etc").fill(
        "Move the clinic from the city centre to a retail park."
    )
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("People responsible")
    page.locator("#id_people-0-name").fill("Steve McCue")
    page.locator("#id_people-0-job_title").fill("Senior Strategic Development Manager")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Section one: equality impact")
    # Question 7, answered Yes, flags a negative impact on protected groups.
    answer_section(page, range(1, 11), flag=7)
    expect(page.get_by_role("heading", level=1)).to_have_text("Section two: equality risk")
    answer_section(page, range(11, 19))
    expect(page.get_by_role("heading", level=1)).to_have_text("Section three: human rights impact")
    answer_section(page, range(19, 28))
    page.locator("#id_q28-rationale").fill("Reviewed with the patient panel.")
    page.get_by_role("button", name="Save and continue").click()

    # Stage 2 follows because of question 7.
    for heading in ["Stage 2: protected characteristics", "Stage 2: inclusion groups"]:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        for radio in page.locator("input[type=radio][value=neutral]").all():
            radio.check()
        for box in page.locator("textarea[id$=-evidence]").all():
            box.fill("Clinic audit 2025 by group")
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Impact on people affected by more than one characteristic at once").fill(
        "Older disabled people without a car face a longer journey."
    )
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Stage 2: action plan")
    fill_action(
        page,
        "Fund a community transport pilot",
        "Head of Diabetes Services",
        due=("31", "3", "2027"),
    )
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name="Fund a community transport pilot")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Adjust the proposal").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    press(page, "Submit for approval", banner="Assessment submitted for approval")
    expect(page.locator(".nhsuk-tag").first).to_have_text("Submitted")
    assessment_url = page.url
    page.get_by_role("button", name="Log out").click()

    page = log_in("approver")
    page.goto(assessment_url)
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("Approving makes this assessment read-only")).to_be_visible()
    page.get_by_label("Approval comment").fill(
        "Quality assured: the transport pilot mitigates the impact."
    )
    press(page, "Approve assessment", banner="Assessment approved")
    expect(page.locator(".nhsuk-tag").first).to_have_text("Approved")

    with page.expect_download(timeout=LONG_TIMEOUT) as download:
        page.get_by_role("button", name="Download PDF").click()
    with open(download.value.path(), "rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Community diabetes clinic relocation" in text
    assert (
        "Will this (decision / proposal / change) potentially negatively impact groups covered "
        "by the Equality Act and other vulnerable groups?" in text
    )
    assert "Is there any concern that Article 2: Right to life may be breached?" in text
    assert "Quality assured: the transport pilot mitigates the impact." in text
    assert "Fund a community transport pilot" in text
    assert re.search(r"Adjust the proposal", text)
