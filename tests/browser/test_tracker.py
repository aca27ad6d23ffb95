"""An action's owner finds it among their actions, marks it done with a note, and the
tracker, the home page and the dashboard count it no more."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from idmf.actions import services as action_services
from idmf.actions.models import Action
from idmf.core.models import Organisation

pytestmark = pytest.mark.browser


def test_the_owner_marks_an_action_done_from_the_tracker(log_in, live_server):
    users = get_user_model().objects
    author, approver = users.get(username="author"), users.get(username="approver")
    organisation = Organisation.objects.get(memberships__user=author)
    action_services.create_action(
        organisation=organisation,
        title="Translate the clinic leaflet into Gujarati",
        owner="",
        assignee=author,
        due_date=datetime.date.today() - datetime.timedelta(days=2),
        by=approver,
    )
    mine = Action.objects.owned_by(author).still_open().count()

    page = log_in("author")
    expect(page.get_by_role("link", name="Translate the clinic leaflet")).to_be_visible()
    overdue = overdue_on_dashboard(page, live_server, organisation)
    page.goto(live_server.url + "/actions/")
    expect(page.get_by_role("status")).to_have_text(f"{mine} action{'s' if mine > 1 else ''}")
    page.get_by_role("link", name="Translate the clinic leaflet into Gujarati").click()
    page.get_by_label("Status").select_option("Done")
    page.get_by_label("Progress note").fill("Printed and sent to the clinics")
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Action done")
    expect(page.get_by_role("table", name="Progress notes")).to_contain_text(
        "Printed and sent to the clinics"
    )

    page.goto(live_server.url + "/actions/")
    left = mine - 1
    expected = f"{left} action{'' if left == 1 else 's'}"
    expect(page.get_by_role("status")).to_have_text(expected)
    expect(page.get_by_role("link", name="Translate the clinic leaflet")).to_have_count(0)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Translate the clinic leaflet")).to_have_count(0)
    assert overdue_on_dashboard(page, live_server, organisation) == overdue - 1


def overdue_on_dashboard(page, live_server, organisation) -> int:
    """The dashboard's count of the organisation's overdue actions, as the page shows it."""
    page.goto(live_server.url + "/dashboard/")
    page.get_by_label("Organisation or system").select_option(label=organisation.name)
    page.get_by_role("button", name="Show the dashboard").click()
    row = page.locator("#actions .nhsuk-summary-list__row", has_text="Overdue").first
    return int(row.locator("dd.nhsuk-summary-list__value").inner_text())
