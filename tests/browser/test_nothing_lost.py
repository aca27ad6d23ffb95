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
from django.urls import get_resolver, reverse

from assessments.report import section_order
from boardtool import services as board_services
from eds import lifecycle as eds_lifecycle
from eds.views.pages import PAGES as EDS_PAGES
from idmf.core.models import Membership, Organisation, Role
from idmf.demo import DEMO_PASSWORD, LLR_ICB
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.boardtool.factories import ReviewFactory, rate
from tests.browser.conftest import offline_fonts
from tests.core.factories import ActionFactory, OrganisationFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, choose, fully_graded, two_services
from tests.eds.factories import authorised as eds_authorised

pytestmark = pytest.mark.browser

# Pages with no typed input of a record, and why they are left out.
NOT_FORM_PAGES = {
    "login": "passwords are never shown back",
    "password_change": "passwords are never shown back",
    "logout": "a button with nothing to type",
    "decisions:reopen": "a button with nothing to type, on a completed step",
    "eds:publish": "a button with nothing to type",
    "boardtool:pack_retry": "a button with nothing to type",
    "eds:unpublish": "a button with nothing to type",
    "record_publish": "a button with nothing to type",
    "invitation": "the join form holds passwords (tests/core/test_people.py checks the names "
    "are shown back); signed in, a button with nothing to type",
    "sso_start": "a redirect to the sign-in provider",
    "sso_callback": "where the sign-in provider sends people back",
    **dict.fromkeys(
        [
            "home",
            "healthz",
            "password_change_done",
            "organisation_list",
            "organisation_detail",
            "organisation_pdf",
            "organisation_history",
            "action_list",
            "action_history",
            "record_docx",
            "record_json",
            "register",
            "dashboard",
            "register_feed",
            "register_organisation",
            "register_record",
            "register_pdf",
            "decisions:index",
            "decisions:overdue",
            "decisions:detail",
            "decisions:pdf",
            "decisions:history",
            "public_register",
            "public_record",
            "public_record_pdf",
            "assessments:index",
            "assessments:detail",
            "assessments:pdf",
            "assessments:history",
            "eds:index",
            "eds:detail",
            "eds:score_card",
            "eds:pdf",
            "eds:history",
            "eds:scoring",
            "eds:public_register",
            "eds:public_report",
            "eds:public_report_pdf",
            "boardtool:index",
            "boardtool:detail",
            "boardtool:scorecard",
            "boardtool:pdf",
            "boardtool:history",
            "boardtool:packs",
            "boardtool:pack",
            "boardtool:pack_download",
        ],
        "read-only, or a filter form that saves nothing",
    ),
}


class World:
    """Fresh records in the demo's LLR ICB, one set per button press."""

    def __init__(self):
        self.organisation = Organisation.objects.get(name=LLR_ICB)
        users = apps.get_model("auth", "User").objects
        self.author = users.get(username="author")
        self.approver = users.get(username="approver")

    def draft(self, **fields):
        return AssessmentFactory(organisation=self.organisation, created_by=self.author, **fields)

    def submitted(self):
        return submitted(self.draft(), by=self.author)

    def record_at(self, number):
        record = DecisionRecordFactory(organisation=self.organisation, created_by=self.author)
        complete_steps(record, *range(1, number))
        if number == 4:
            self.draft(title="An EHIIRA to link")
        return record

    def eds_report(self):
        """A draft with its Domain 1 services chosen, so each domain page has its fields."""
        report = EdsReportFactory(organisation=self.organisation, created_by=self.author)
        choose(report, two_services(self.organisation), by=self.author)
        return report

    def eds_authorised(self):
        report = self.eds_report()
        fully_graded(report, by=self.author)
        return eds_authorised(report, author=self.author, approver=self.approver)

    def eds_submitted(self):
        report = self.eds_report()
        fully_graded(report, by=self.author)
        return eds_lifecycle.submit_report(report=report, by=self.author)

    def review(self, state="draft"):
        review = ReviewFactory(organisation=self.organisation, created_by=self.author)
        if state != "draft":
            rate(review, {"K1P1": "assured"}, by=self.author)
            board_services.submit_review(review=review, by=self.author)
        if state == "approved":
            board_services.approve_review(review=review, by=self.approver)
        return review

    def organisation_to_set_up(self):
        organisation = OrganisationFactory(system=self.organisation.system)
        admin = apps.get_model("auth", "User").objects.get(username="orgadmin")
        Membership.objects.create(
            user=admin, organisation=organisation, role=Role.ORGANISATION_ADMIN
        )
        Membership.objects.create(user=UserFactory(), organisation=organisation, role=Role.VIEWER)
        return organisation

    def leaver_url(self):
        organisation = self.organisation_to_set_up()
        leaver = organisation.memberships.get(role=Role.VIEWER).user
        return reverse("close_account", args=[organisation.pk, leaver.pk])


# Each form page: who opens it, and how to make a fresh URL of it.
FORM_PAGES = {
    "assessments:new": [("author", lambda w: reverse("assessments:new"))],
    # Every section, Stage 2 included (the sections come from the reference data).
    "assessments:section": lambda: [
        (
            "author",
            lambda w, slug=slug: reverse(
                "assessments:section", args=[w.draft(stage2_requested=True).pk, slug]
            ),
        )
        for slug in section_order()
    ],
    "assessments:check": [("author", lambda w: reverse("assessments:check", args=[w.draft().pk]))],
    "assessments:approve": [
        ("approver", lambda w: reverse("assessments:approve", args=[w.submitted().pk]))
    ],
    "assessments:return": [
        ("approver", lambda w: reverse("assessments:return", args=[w.submitted().pk]))
    ],
    "assessments:new_version": [
        (
            "author",
            lambda w: reverse(
                "assessments:new_version", args=[approved(w.submitted(), by=w.approver).pk]
            ),
        )
    ],
    "decisions:new": [("author", lambda w: reverse("decisions:new"))],
    "decisions:step": [
        (
            "author",
            lambda w, number=number: reverse(
                "decisions:step", args=[w.record_at(number).pk, number]
            ),
        )
        for number in range(1, 7)
    ],
    "decisions:review": [
        ("author", lambda w: reverse("decisions:review", args=[w.record_at(7).pk]))
    ],
    "eds:new": [("author", lambda w: reverse("eds:new"))],
    "eds:page": lambda: [
        ("author", lambda w, slug=slug: reverse("eds:page", args=[w.eds_report().pk, slug]))
        for slug in EDS_PAGES
    ],
    "eds:check": [("author", lambda w: reverse("eds:check", args=[w.eds_report().pk]))],
    "eds:authorise": [
        ("approver", lambda w: reverse("eds:authorise", args=[w.eds_submitted().pk]))
    ],
    "eds:return": [("approver", lambda w: reverse("eds:return", args=[w.eds_submitted().pk]))],
    "eds:next_year": [("author", lambda w: reverse("eds:next_year", args=[w.eds_authorised().pk]))],
    "eds:new_version": [
        ("author", lambda w: reverse("eds:new_version", args=[w.eds_authorised().pk]))
    ],
    "boardtool:new": [("author", lambda w: reverse("boardtool:new"))],
    "boardtool:details": [("author", lambda w: reverse("boardtool:details", args=[w.review().pk]))],
    "boardtool:cell": [("author", lambda w: reverse("boardtool:cell", args=[w.review().pk, 7]))],
    "boardtool:check": [("author", lambda w: reverse("boardtool:check", args=[w.review().pk]))],
    "boardtool:approve": [
        ("approver", lambda w: reverse("boardtool:approve", args=[w.review("submitted").pk]))
    ],
    "boardtool:return": [
        ("approver", lambda w: reverse("boardtool:return", args=[w.review("submitted").pk]))
    ],
    "boardtool:pack_new": [("secretary", lambda w: reverse("boardtool:pack_new"))],
    "boardtool:new_version": [
        ("author", lambda w: reverse("boardtool:new_version", args=[w.review("approved").pk]))
    ],
    "action_detail": [
        (
            "author",
            lambda w: reverse(
                "action_detail",
                args=[ActionFactory(organisation=w.organisation, created_by=w.author).pk],
            ),
        )
    ],
    "notice_preferences": [("author", lambda w: reverse("notice_preferences"))],
    "organisation_setup": [
        ("orgadmin", lambda w: reverse("organisation_setup", args=[w.organisation_to_set_up().pk]))
    ],
    "invitations": [
        ("orgadmin", lambda w: reverse("invitations", args=[w.organisation_to_set_up().pk]))
    ],
    "close_account": [("orgadmin", lambda w: w.leaver_url())],
    "record_people": [
        (
            "author",
            lambda w: reverse("record_people", args=["assessments.assessment", w.draft().pk]),
        )
    ],
}


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        else:
            yield f"{namespace}{pattern.name}"


def test_every_page_is_a_form_page_or_said_not_to_be(db):
    names = set(url_names())
    assert names == set(FORM_PAGES) | set(NOT_FORM_PAGES)


def stored_text() -> str:
    """Every piece of text the tools' records hold now, and the reasons given for changes
    (a reason lives in the history only)."""
    parts = []
    labels = ["core", "actions", "notices", "people", "assessments", "decisions", "eds"]
    for label in [*labels, "boardtool", "auth"]:
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
            context = offline_fonts(browser.new_context())
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
            page.goto(live_server.url + make_url(world))
            labels = [b.inner_text().strip() for b in page.locator(BUTTONS).all()]
            assert labels, f"{name}: no button at {page.url}"
            for index, label in enumerate(labels):
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
