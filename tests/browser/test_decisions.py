import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.pages import fill, fill_action, fill_date, press
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser


def complete_step(page, number):
    press(page, f"Save and mark step {number} complete", banner=f"Step {number} complete")


def test_walk_a_decision_through_all_six_steps(log_in, live_server):
    page = log_in("author")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Decisions").click()
    page.get_by_role("button", name="Start a decision record").click()
    page.get_by_label("Title of the proposal").fill("Extend clinic opening hours")
    page.get_by_label("Service change").check()
    page.get_by_role("button", name="Start decision record").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Define the proposal")
    fill(
        page,
        {
            "Aims and objectives": "Offer smear tests outside 9 to 5",
            "Scope": "Cervical screening in Leicester City",
            "What changes": "Evening and weekend clinics",
            "How they are affected": "Shift workers can attend",
            "Decision owner": "Head of screening",
            "Decision-making body": "Clinical Executive",
        },
    )
    page.get_by_label("Patients").check()
    complete_step(page, 1)

    expect(page.get_by_role("heading", level=1)).to_have_text("Gather evidence")
    fill(
        page,
        {
            "Population and service data": "JSNA 2021",
            "Uptake by protected characteristic, ethnicity and deprivation quintile": (
                "Uptake 58% in the most deprived quintile vs 74% in the least"
            ),
            "Health equity audit": "Audit of 2024 screening data",
            "Known data gaps": "Ethnicity coding incomplete",
        },
    )
    complete_step(page, 2)

    expect(page.get_by_role("heading", level=1)).to_have_text("Engage and involve")
    fill(
        page,
        {
            "Who was engaged": "Patients, staff networks, VCSE partners",
            "How they were engaged": "Three listening events",
            "What they said": "Weekday daytime slots exclude shift workers",
            "How it changed the proposal": "Added Saturday mornings",
        },
    )
    complete_step(page, 3)

    expect(page.get_by_role("heading", level=1)).to_have_text("Assess impact")
    page.get_by_role("button", name="Create an EHIIRA from this decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About the assessment")
    expect(page.get_by_label("Title of assessment")).to_have_value("Extend clinic opening hours")
    page.get_by_label("Service area").fill("Screening")
    page.get_by_role("button", name="Save and continue").click()
    page.locator("#id_people-0-name").fill("Amira Khan")
    page.locator("#id_people-0-job_title").fill("Screening lead")
    page.get_by_role("button", name="Save and continue").click()
    for numbers in (range(1, 11), range(11, 19), range(19, 28)):
        for number in numbers:
            safe = "no" if number in {4, 7, 10} or number >= 19 else "yes"
            page.locator(f"#id_q{number}-answer_{0 if safe == 'yes' else 1}").check()
            page.locator(f"#id_q{number}-rationale").fill(f"Considered ({number})")
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # section four
    press(page, "Submit for approval", banner="submitted for approval")
    assessment_url = page.url
    page.get_by_role("button", name="Log out").click()

    page = log_in("approver")
    page.goto(assessment_url)
    page.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_label("Approval comment").fill("Approved: improves access for shift workers")
    press(page, "Approve assessment", banner="Assessment approved")
    page.get_by_role("button", name="Log out").click()

    page = log_in("author")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Decisions").click()
    page.get_by_role("link", name="Extend clinic opening hours").click()
    page.get_by_role("link", name="4. Assess impact").click()
    expect(page.locator("dl")).to_contain_text("Approved")
    complete_step(page, 4)

    expect(page.get_by_role("heading", level=1)).to_have_text("Decide with due regard")
    fill(
        page,
        {
            "Options considered": "No change; evenings only; evenings and Saturdays",
            "Due regard statement": "The impact on shift workers and carers was considered",
            "Decided by": "Clinical Executive",
            "Minute reference": "CE/26/101",
        },
    )
    page.get_by_label("Proceed with mitigations").check()
    # Due regard comes first: the decision is dated on or after the EHIIRA's approval (today).
    today = datetime.date.today()
    fill_date(page, "Date of the decision", str(today.day), str(today.month), str(today.year))
    complete_step(page, 5)

    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor and review")
    fill_action(
        page, "Report uptake by quintile each quarter", "Screening lead", due=("31", "3", "2027")
    )
    page.get_by_role("button", name="Save and add this action").click()
    expect(page.get_by_role("link", name="Report uptake by quintile each quarter")).to_be_visible()
    page.get_by_label("Measures of uptake and outcome by group").fill(
        "Uptake by deprivation quintile and ethnicity"
    )
    fill_date(page, "Review date", str(today.day), str(today.month), str(today.year + 1))
    page.get_by_label("Publish this record on the public register").check()
    complete_step(page, 6)
    expect(page.get_by_text("All six steps are complete")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    with open(download.value.path(), "rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Extend clinic opening hours" in text
    assert "Summary of the linked EHIIRA" in text
    assert "Approved: improves access for shift workers" in text
    assert "Report uptake by quintile each quarter" in text
    assert "Proceed with mitigations" in text
