import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_author_logs_in_sees_home_and_navigation_then_logs_out(log_in, live_server):
    page = log_in("author")
    expect(page).to_have_url(live_server.url + "/")
    expect(page).to_have_title("Home – Inclusive decisions – NHS")
    expect(page.get_by_test_id("signed-in-user")).to_have_text("Amira Khan")
    menu = page.get_by_role("navigation", name="Menu")
    for label in ["Decisions", "Assessments", "EDS", "Board assurance", "Actions"]:
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="NHS Leicester, Leicestershire and Rutland Integrated Care Board"
        )
    ).to_be_visible()

    menu.get_by_role("link", name="Assessments", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessments")

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))


def test_wrong_password_shows_the_error(log_in):
    page = log_in("author", password="not-the-password")
    expect(page).to_have_title(re.compile(r"^Error: Log in"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Please enter a correct username and password")


@pytest.mark.parametrize(
    "path", ["/", "/actions/", "/organisations/1/", "/assessments/", "/eds/", "/board/"]
)
def test_anonymous_visit_redirects_to_login(page, live_server, demo_data, path):
    page.goto(live_server.url + path)
    expect(page).to_have_url(re.compile(r"/login/\?next="))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_organisation_profile_pdf_downloads(log_in, live_server):
    from idmf.core.models import Organisation
    from idmf.demo import LLR_ICB

    page = log_in("viewer")
    page.goto(live_server.url + Organisation.objects.get(name=LLR_ICB).get_absolute_url())
    with page.expect_download() as download:
        page.get_by_role("button", name="Download profile (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith(
        "nhs-leicester-leicestershire-and-rutland-integrated-care-board-profile-"
    )
