"""An assessment returned, fixed and approved, as the author and the approver see it."""

import pytest
from django.apps import apps
from playwright.sync_api import expect

from idmf.core.models import Organisation
from idmf.demo import LLR_ICB
from tests.assessments.factories import AssessmentFactory, submitted
from tests.browser.pages import press

pytestmark = pytest.mark.browser


def test_returned_fixed_and_approved(log_in, live_server):
    author = apps.get_model("auth", "User").objects.get(username="author")
    assessment = submitted(
        AssessmentFactory(
            organisation=Organisation.objects.get(name=LLR_ICB),
            created_by=author,
            title="Evening clinic for shift workers",
        ),
        by=author,
    )
    url = live_server.url + assessment.get_absolute_url()

    page = log_in("approver")
    expect(page.get_by_role("heading", name="Waiting for your approval")).to_be_visible()
    page.get_by_role("link", name="Evening clinic for shift workers").click()
    # The review form is at the end of what the approver reads.
    review = page.locator("#review")
    expect(review).to_be_visible()
    page.get_by_label("Your comments").fill("Say how people without a car will get there")
    # The review form's own button: the link-button at the top of the page has the same name.
    page.locator("#review + form").get_by_role("button", name="Return to the author").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("returned to the author")
    page.get_by_role("button", name="Log out").click()

    page = log_in("author")
    returned = page.locator("h2:has-text('Returned to you') + ul")
    expect(returned).to_contain_text("Say how people without a car will get there")
    page.goto(url)
    page.get_by_role("link", name="Section one: equality impact").click()
    page.locator("#id_q1-rationale").fill("A shuttle bus runs from the city centre.")
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("button", name="Check answers and submit").click()
    press(page, "Submit for approval", banner="submitted for approval")
    page.get_by_role("button", name="Log out").click()

    page = log_in("approver")
    page.goto(url)
    changes = page.locator("#changes + table")
    expect(changes).to_contain_text("Question 1")
    expect(changes).to_contain_text("A shuttle bus runs from the city centre.")
    page.get_by_label("Your comments").fill("The shuttle answers my question")
    page.get_by_role("button", name="Continue to approve").click()
    expect(page.get_by_text("Approving makes this assessment read-only")).to_be_visible()
    expect(page.get_by_label("Approval comment")).to_have_value("The shuttle answers my question")
    press(page, "Approve assessment", banner="Assessment approved")
    approval = page.locator("#approval + dl")
    expect(approval).to_contain_text("Priya Patel")
    expect(approval).to_contain_text("The shuttle answers my question")
