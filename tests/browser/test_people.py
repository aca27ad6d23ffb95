"""People getting in and working together, through the browser: single sign-on against a
real OpenID Connect provider on loopback, invitations accepted both ways, a co-author
editing while a reader is refused, and a leaver's work passed on."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from assessments.models import Assessment
from idmf.core.models import Membership, Organisation, Role
from idmf.demo import DEMO_PASSWORD, LLR_ICB
from tests.assessments.factories import AssessmentFactory
from tests.core.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

User = get_user_model()


@pytest.fixture
def provider(live_server, oidc_provider, context):
    # The provider's own pages ask Google for a font: unreachable here.
    context.route("https://fonts.googleapis.com/**", lambda route: route.abort())
    return oidc_provider(f"{live_server.url}/sso/callback/")


def sign_in_at_provider(page, email):
    """The provider's development sign-in and consent pages."""
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_a_first_sso_sign_in_gets_an_account_with_no_access(
    page, live_server, provider, demo_data, settings
):
    settings.ACCESS_CONTACT = "the EDI service desk, edi.desk@nhs.net"
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_role("button", name="Sign in with NHSmail").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/"))  # at the provider
    sign_in_at_provider(page, "jo.bloggs@nhs.net")

    expect(page.get_by_role("heading", level=1)).to_have_text("You have no access yet")
    expect(page.get_by_text("jo.bloggs@nhs.net").first).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Ask your organisation's admin")
    expect(page.get_by_role("link", name="edi.desk@nhs.net")).to_be_visible()
    person = User.objects.get(email="jo.bloggs@nhs.net")
    assert (person.first_name, person.last_name) == ("Jo", "Bloggs")
    assert not Membership.objects.filter(user=person).exists()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/"))


def test_an_address_outside_the_allowed_domains_is_refused(page, live_server, provider, demo_data):
    page.goto(live_server.url + "/login/")
    page.get_by_role("button", name="Sign in with NHSmail").click()
    sign_in_at_provider(page, "someone@example.com")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("single sign-on is for addresses ending @nhs.net")).to_be_visible()
    assert not User.objects.filter(email="someone@example.com").exists()


def invite_through_the_page(log_in, live_server, email, role_label):
    page = log_in("orgadmin")
    organisation = Organisation.objects.get(name=LLR_ICB)
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/setup/")
    page.get_by_role("link", name="Invite people by e-mail").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label(role_label, exact=True).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        f"Invitation sent to {email}"
    )
    page.get_by_role("button", name="Log out").click()
    link = re.search(r"http://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    return link.replace("http://127.0.0.1:8000", live_server.url)


def test_someone_invited_joins_by_signing_in_with_nhsmail(log_in, page, live_server, provider):
    link = invite_through_the_page(log_in, live_server, "new.author@nhs.net", "Author")
    assert "you can sign in with NHSmail or set a password" in mail.outbox[-1].body
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Join {LLR_ICB}")
    page.get_by_role("button", name="Sign in with NHSmail").click()
    sign_in_at_provider(page, "new.author@nhs.net")

    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        f"You have joined {LLR_ICB} as author"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    person = User.objects.get(email="new.author@nhs.net")
    assert Membership.objects.get(user=person).role == Role.AUTHOR


def test_someone_invited_joins_by_setting_a_password(log_in, page, live_server, demo_data):
    link = invite_through_the_page(log_in, live_server, "no.nhsmail@leicester.gov.uk", "Viewer")
    page.goto(link)
    page.get_by_label("First name").fill("Lee")
    page.get_by_label("Last name").fill("Council")
    page.get_by_label("Password", exact=True).fill("a-council-password-7")
    page.get_by_label("Password again").fill("a-council-password-7")
    page.get_by_role("button", name="Create my account and join").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        f"You have joined {LLR_ICB} as viewer"
    )
    page.get_by_role("button", name="Log out").click()
    log_in("no.nhsmail@leicester.gov.uk", "a-council-password-7")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")


def test_a_co_author_edits_a_draft_and_a_reader_is_refused(log_in, page, live_server, browser):
    organisation = Organisation.objects.get(name=LLR_ICB)
    author = User.objects.get(username="author")
    draft = AssessmentFactory(
        organisation=organisation, created_by=author, title="Joint falls service"
    )
    reader = UserFactory(username="reader", first_name="Rae", last_name="Reader")
    MembershipFactory(user=reader, organisation=organisation, role=Role.VIEWER)
    reader.set_password("a-reader-password-3")
    reader.save()

    page = log_in("author")
    page.goto(live_server.url + draft.get_absolute_url())
    page.get_by_role("link", name="Who works on this").click()
    page.get_by_label("Colleague").select_option(label="Grace Lewis (viewer)")
    page.get_by_label("Co-author (can edit)").check()
    page.get_by_role("button", name="Add colleague").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Grace Lewis added")
    page.get_by_label("Colleague").select_option(label="Rae Reader (reader)")
    page.get_by_label("Reader (can only read)").check()
    page.get_by_role("button", name="Add colleague").click()
    expect(page.get_by_role("cell", name="Rae Reader", exact=True)).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    page = log_in("viewer")
    page.get_by_role("link", name="Joint falls service").click()
    page.get_by_role("link", name="About the assessment").first.click()
    page.get_by_label("Title of assessment").fill("Joint falls service, co-written")
    page.get_by_role("button", name="Save and continue").click()
    page.goto(live_server.url + draft.get_absolute_url() + "history/")
    expect(page.get_by_role("main")).to_contain_text("Grace Lewis")
    assert Assessment.objects.get(pk=draft.pk).title == "Joint falls service, co-written"
    page.get_by_role("button", name="Log out").click()

    page = log_in("reader", "a-reader-password-3")
    expect(page.get_by_role("link", name="Joint falls service, co-written")).to_be_visible()
    response = page.goto(f"{live_server.url}/assessments/{draft.pk}/section/about/")
    assert response.status == 403
    assert Assessment.objects.get(pk=draft.pk).title == "Joint falls service, co-written"


def test_a_leavers_account_is_closed_and_their_drafts_passed_on(log_in, page, live_server, browser):
    organisation = Organisation.objects.get(name=LLR_ICB)
    author = User.objects.get(username="author")
    draft = AssessmentFactory(organisation=organisation, created_by=author, title="Left behind")
    successor = UserFactory(username="second.author", first_name="Jo", last_name="Baker")
    MembershipFactory(user=successor, organisation=organisation, role=Role.AUTHOR)
    # The leaver is signed in elsewhere.
    leaver_context = browser.new_context()
    leaver = leaver_context.new_page()
    leaver.goto(live_server.url + "/login/")
    leaver.get_by_label("Username").fill("author")
    leaver.get_by_label("Password").fill("Inclusive-Demo-2026")
    leaver.get_by_role("button", name="Log in").click()
    expect(leaver.get_by_role("heading", level=1)).to_have_text("Your work")

    page = log_in("orgadmin")
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/setup/")
    page.get_by_role("link", name="Close account of author").click()
    expect(page.get_by_role("link", name="Left behind")).to_be_visible()
    page.get_by_label("Pass their drafts and open actions to").select_option(
        label="Jo Baker (second.author)"
    )
    page.get_by_label("Why the account is being closed").fill("Left on 30 November")
    page.get_by_role("button", name="Close the account").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Amira Khan's account is closed"
    )
    page.get_by_role("button", name="Log out").click()

    leaver.reload()
    expect(leaver).to_have_url(re.compile(r"/login/"))
    leaver_context.close()
    assert Assessment.objects.get(pk=draft.pk).created_by.username == "second.author"
    successor.set_password(DEMO_PASSWORD)
    successor.save()
    page = log_in("second.author")
    expect(page.get_by_role("link", name="Left behind")).to_be_visible()
