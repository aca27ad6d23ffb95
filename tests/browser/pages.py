"""Steps the browser journeys share: filling fields by their labels, a date by its legend,
an action's form, and pressing a button that answers with a banner."""

from playwright.sync_api import expect


def fill(page, values):
    """Type each value into the field with exactly that label."""
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def fill_action(page, title, owner, *, due):
    """An action's title, owner and due date (day, month, year)."""
    fill(page, {"Action": title, "Owner": owner})
    fill_date(page, "Due date", *due)


def press(page, button, *, banner):
    """Press the button named `button`, and see a banner that says `banner`."""
    page.get_by_role("button", name=button).click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(banner)
