"""Nothing typed is ever lost.

For every form page of every tool, and for each button on it in turn: fill every field,
press the button, and check that each piece of text typed is either stored (the page
moved on) or shown back in a field beside an error summary. Each press starts from a
fresh record, so one button's effect never hides another's.
"""

import datetime
import itertools

import pytest
from django.apps import apps
from django.db import models

from idmf.demo import DEMO_PASSWORD
from tests.browser.form_pages import FORM_PAGES, NOT_FORM_PAGES, World
from tests.urls import url_names

pytestmark = pytest.mark.browser


def test_every_page_is_a_form_page_or_said_not_to_be(db):
    names = set(url_names())
    assert names == set(FORM_PAGES) | set(NOT_FORM_PAGES)


def stored_text() -> str:
    """Every piece of text the tools' records hold now, and the reasons given for changes
    (a reason lives in the history only)."""
    parts = []
    labels = ["core", "actions", "notices", "people", "evidence"]
    for label in [*labels, "assessments", "decisions", "eds", "boardtool", "auth"]:
        for model in apps.get_app_config(label).get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
            ]
            if model.__name__.startswith("Historical"):
                names = [name for name in names if name == "history_change_reason"]
            if not names:
                continue
            for row in model.objects.values_list(*names):
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


BUTTONS = "#maincontent form[method=post] button[type=submit]"


# Fills every visible field of the page's POST forms in one call to the browser (a call per
# field made the sweep several times slower): a select gets its last real option, a radio group
# its last choice, a box is ticked, a date part today's, a text field a token of its own.
FILL = """({press, day, month, year}) => {
    const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
    const fields = Array.from(document.querySelectorAll(
        "#maincontent form[method=post] input, #maincontent form[method=post] textarea, "
        + "#maincontent form[method=post] select")).filter(visible);
    const typed = [];
    const groups = new Set();
    for (const field of fields) {
        const tag = field.tagName.toLowerCase();
        const kind = (field.getAttribute("type") || "").toLowerCase();
        const name = field.getAttribute("name") || "";
        if (tag === "select") {
            const values = Array.from(field.options).map(o => o.value).filter(v => v);
            if (values.length) field.value = values[values.length - 1];
        } else if (kind === "radio") {
            if (!groups.has(name)) {
                groups.add(name);
                const group = document.querySelectorAll(`input[type=radio][name="${name}"]`);
                group[group.length - 1].checked = true;
            }
        } else if (kind === "checkbox") {
            field.checked = true;
        } else if (/_[012]$/.test(name) && field.getAttribute("inputmode") === "numeric") {
            field.value = String({_0: day, _1: month, _2: year}[name.slice(-2)]);
        } else if (tag === "textarea" || ["", "text", "email"].includes(kind)) {
            const token = `zq${press}y${typed.length + 1}x`;
            field.value = token;
            typed.push(token);
        }
    }
    return typed;
}"""


def fill_everything(page, counter) -> list[str]:
    """Type into every field on the page; what was typed as text, to look for after."""
    today = datetime.date.today()
    press = next(counter)
    return page.evaluate(
        FILL, {"press": press, "day": today.day, "month": today.month, "year": today.year}
    )


def shown_back(page) -> str:
    return "\n".join(
        page.evaluate(
            "() => Array.from(document.querySelectorAll('input, textarea')).map(e => e.value)"
        )
    )


def group_of(name: str) -> str:
    """The sweep runs in groups, one test each, so that parallel workers share it out."""
    if name in {"assessments:section", "eds:page", "decisions:step"}:
        return name  # many pages each
    return name.split(":")[0] if ":" in name else "shared"


GROUPS = sorted({group_of(name) for name in FORM_PAGES})


@pytest.mark.parametrize("group", GROUPS)
def test_every_button_saves_or_shows_back_everything_typed(browser, live_server, demo_data, group):
    world = World()
    contexts = {}

    def page_for(username):
        if username not in contexts:
            context = browser.new_context()
            page = context.new_page()
            page.goto(live_server.url + "/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Log in").click()
            contexts[username] = page
        return contexts[username]

    counter = itertools.count(1)
    lost, presses, tokens = [], 0, 0
    for name, cases in FORM_PAGES.items():
        if group_of(name) != group:
            continue
        for username, make_url in cases() if callable(cases) else cases:
            page = page_for(username)
            url = make_url(world)
            page.goto(live_server.url + url)
            labels = [b.inner_text().strip() for b in page.locator(BUTTONS).all()]
            assert labels, f"{name}: no button at {page.url}"
            for index, label in enumerate(labels):
                if index:  # the first press is on the page just opened, untouched till now
                    url = make_url(world)
                    page.goto(live_server.url + url)
                typed = fill_everything(page, counter)
                tokens += len(typed)
                page.locator(BUTTONS).nth(index).click()
                page.wait_for_load_state()
                presses += 1
                if page.locator(".nhsuk-error-summary").count():
                    where, found = "shown back", shown_back(page)
                else:
                    where, found = "stored", stored_text()
                missing = [token for token in typed if token not in found]
                if missing:
                    lost.append(f"{url} [{label}]: {len(missing)} of {len(typed)} not {where}")
    for page in contexts.values():
        page.context.close()
    assert not lost, "\n".join(lost)
    assert presses >= sum(1 for name in FORM_PAGES if group_of(name) == group)
    assert tokens > 0  # text was typed, and so looked for
