"""Logins are throttled, pages carry a Content-Security-Policy and are never cached when
private, sessions end, and failures show branded pages."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from idmf.core.dates import nhs_datetime
from idmf.people.throttle import scaled
from tests.core.factories import UserFactory

PASSWORD = "correct-horse-battery"
NAT = "10.9.9.9"


@pytest.fixture
def person(db):
    return UserFactory(username="ada")


def wrong_logins(client, url, times, username="ada", address="10.0.0.1"):
    return [
        client.post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)
        for _ in range(times)
    ]


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_user_out_from_that_address_and_say_until_when(person, url):
    client = Client()
    responses = wrong_logins(client, url, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many attempts to log in" in page and "stopped for 15 minutes" in page
    last = AccessAttempt.objects.get(username="ada", ip_address="10.0.0.1").attempt_time
    assert f"You can try again from {nhs_datetime(last + datetime.timedelta(minutes=15))}" in page
    # Even the right password is refused while locked, from that address.
    right = client.post(url, {"username": "ada", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 429


def test_nobody_elsewhere_can_lock_a_named_person_out(person):
    """Wrong passwords for Ada from anywhere else (five each from ten addresses) do not keep
    Ada out at her own desk."""
    attacker = Client()
    for n in range(10):
        wrong_logins(attacker, "/login/", 5, address=f"203.0.113.{n}")
    response = Client().post(
        "/login/", {"username": "ada", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1", follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].is_authenticated


def test_a_few_mistakes_behind_one_address_do_not_lock_out_the_whole_trust(db):
    """A trust behind one NAT address: five colleagues each mistype once; a sixth logs in."""
    UserFactory(username="sixth")
    client = Client()
    for n in range(5):
        client.post("/login/", {"username": f"colleague{n}", "password": "x"}, REMOTE_ADDR=NAT)
    response = Client().post(
        "/login/", {"username": "sixth", "password": PASSWORD}, REMOTE_ADDR=NAT, follow=True
    )
    assert response.context["user"].is_authenticated


def test_one_address_trying_many_usernames_is_locked_out_at_the_address_limit(db, settings):
    client = Client()
    codes = [
        client.post(
            "/login/", {"username": f"guess{n}", "password": "x"}, REMOTE_ADDR=NAT
        ).status_code
        for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    ]
    assert codes[:-1] == [200] * (settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1)
    assert codes[-1] == 429
    # A new username from that address is refused too, until it lifts.
    assert (
        client.post("/login/", {"username": "new", "password": "x"}, REMOTE_ADDR=NAT).status_code
        == 429
    )


def test_the_address_limit_scales_onto_the_username_limit():
    assert scaled(pair=4, address=49, limit=5, address_limit=50) == 4
    assert scaled(pair=0, address=50, limit=5, address_limit=50) == 5
    assert scaled(pair=5, address=5, limit=5, address_limit=50) == 5


def test_the_lockout_expires(person):
    client = Client()
    wrong_logins(client, "/login/", 5)
    right = {"username": "ada", "password": PASSWORD}
    assert client.post("/login/", right, REMOTE_ADDR="10.0.0.1").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    response = client.post("/login/", right, REMOTE_ADDR="10.0.0.1", follow=True)
    assert response.status_code == 200
    assert response.context["user"].is_authenticated


def test_wrong_current_passwords_on_password_change_are_throttled(person):
    client = Client()
    client.force_login(person)
    data = {
        "old_password": "guess",
        "new_password1": "N3w-pass-2026!",
        "new_password2": "N3w-pass-2026!",
    }
    statuses = [client.post(reverse("password_change"), data).status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4 and statuses[4] == 429
    data["old_password"] = PASSWORD
    assert client.post(reverse("password_change"), data).status_code == 429
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_pages_carry_a_content_security_policy(client_for, cast):
    response = client_for(cast.viewer).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_private_pages_and_exports_are_never_cached(client_for, cast):
    client = client_for(cast.viewer)
    for url in [reverse("home"), reverse("organisation_pdf", args=[cast.organisation.pk])]:
        cache = client.get(url)["Cache-Control"]
        assert "no-store" in cache and "private" in cache, url


def test_the_public_register_may_be_cached(client, db):
    assert "public" in client.get(reverse("public_register"))["Cache-Control"]


def test_sessions_end_after_a_day_idle_and_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_using_the_site_renews_the_session_every_few_minutes_not_every_request(
    client_for, cast, settings
):
    from django.contrib.sessions.models import Session

    client = client_for(cast.author)

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    client.get(reverse("home"))
    renewed = expiry()
    Session.objects.update(expire_date=renewed - datetime.timedelta(hours=1))
    client.get(reverse("home"))  # within the renewal interval: no write
    assert expiry() == renewed - datetime.timedelta(hours=1)
    settings.SESSION_RENEW_SECONDS = 0
    client.get(reverse("home"))  # past it: the idle clock starts again
    assert expiry() > renewed - datetime.timedelta(minutes=1)


def test_a_form_from_a_stale_page_gets_a_branded_page(client_for, cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.author)
    response = client.post(reverse("assessments:new"), {"title": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your page had expired" in page and "nhsuk-header" in page


def test_a_bad_request_gets_a_branded_page(client, db):
    response = client.get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, we could not read that request" in response.content.decode()


def test_behind_a_proxy_each_persons_own_address_is_counted(person, settings):
    from axes.helpers import get_client_ip_address
    from django.test import RequestFactory

    settings.PROXY_COUNT = 1

    def address(forwarded):
        request = RequestFactory().post(
            "/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        )
        return get_client_ip_address(request)

    assert address("81.2.69.160") == "81.2.69.160"
    assert address("1.2.3.4, 81.2.69.160") == "81.2.69.160"  # a forged first entry is ignored
    settings.PROXY_COUNT = 0
    assert address("81.2.69.160") == "10.0.0.1"  # no proxy: the header is not trusted
