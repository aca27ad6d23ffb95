"""Text typed when the session has ended is not lost: the press keeps it, and after signing
in again the same form shows it back, with a banner, for the same person only."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from idmf.core.models import Role
from idmf.people.models import KeptPost
from tests.assessments.factories import AssessmentFactory
from tests.core.factories import MembershipFactory, UserFactory


def signed_in(user, client=None) -> Client:
    client = client or Client()
    client.force_login(user)
    return client


def expire_sessions():
    Session.objects.all().delete()  # as the idle limit does


def draft_of(cast):
    return AssessmentFactory(organisation=cast.organisation, created_by=cast.author)


def test_a_press_after_the_session_ended_is_shown_back_after_signing_in(cast):
    draft = draft_of(cast)
    url = reverse("assessments:section", args=[draft.pk, "about"])
    browser = signed_in(cast.author)
    browser.get(url)  # the browser now knows who signed in on it
    expire_sessions()

    pressed = browser.post(
        url, {"version": draft.version, "title": "Typed after the session ended", "continue": "1"}
    )
    assert pressed.status_code == 302 and pressed["Location"].startswith(reverse("login"))
    login_page = browser.get(pressed["Location"]).content.decode()
    assert "What you typed has been kept: sign in again to see it" in login_page
    draft.refresh_from_db()
    assert draft.title != "Typed after the session ended"  # not saved behind their back

    page = signed_in(cast.author, browser).get(url).content.decode()
    assert 'value="Typed after the session ended"' in page
    assert "You were signed out before this was saved" in page
    assert not KeptPost.objects.exists()  # shown once
    draft.refresh_from_db()
    assert draft.title != "Typed after the session ended"
    again = browser.get(url).content.decode()
    assert "Typed after the session ended" not in again


def test_someone_else_signing_in_on_that_browser_never_sees_it(cast):
    draft = draft_of(cast)
    colleague = UserFactory(username="colleague")
    MembershipFactory(user=colleague, organisation=cast.organisation, role=Role.AUTHOR)
    url = reverse("assessments:section", args=[draft.pk, "about"])
    browser = signed_in(cast.author)
    browser.get(url)
    expire_sessions()
    browser.post(url, {"version": draft.version, "title": "Private words", "continue": "1"})
    page = signed_in(colleague, browser).get(url)
    assert page.status_code == 200 and "Private words" not in page.content.decode()
    assert KeptPost.objects.get().user == cast.author  # still theirs alone
