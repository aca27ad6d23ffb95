"""Single sign-on: its rules, the login page's button, and the start of the code flow
against a real provider on loopback (the browser tests go through the whole flow)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from idmf.people.sso import claims_problem, username_for
from tests.people.oidc import CLIENT_ID
from tests.project.serving import free_port

CALLBACK = "http://testserver/sso/callback/"


@pytest.mark.parametrize(
    "claims, problem",
    [
        ({"email": "ann.smith@nhs.net", "email_verified": True}, ""),
        ({"email": "Ann.Smith@NHS.NET"}, ""),  # no email_verified claim: the domain vouches
        ({"email": "ann.smith@nhs.net", "email_verified": False}, "is not verified"),
        ({"email": "ann@example.com", "email_verified": True}, "ending @nhs.net"),
        ({"sub": "123"}, "did not give us an e-mail address"),
        ({"email": "ann@nhs.net.example.com"}, "ending @nhs.net"),
    ],
)
def test_claims_need_a_verified_address_in_an_allowed_domain(claims, problem):
    found = claims_problem(claims, ["nhs.net"])
    assert (problem in found) if problem else found == ""


def test_a_new_account_is_named_by_its_address_unless_that_is_taken():
    taken = {"ann@nhs.net", "ann@nhs.net-2"}
    assert username_for("Bob@nhs.net", taken.__contains__) == "bob@nhs.net"
    assert username_for("ann@nhs.net", taken.__contains__) == "ann@nhs.net-3"


def test_without_settings_there_is_no_sso_button_and_no_sso_pages(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with NHSmail" not in page
    assert client.get(reverse("sso_start")).status_code == 404
    assert client.get(reverse("sso_callback"), {"code": "x", "state": "y"}).status_code == 404


def test_the_login_button_sends_people_to_the_provider(client, db, oidc_provider):
    issuer = oidc_provider(CALLBACK)
    page = client.get(reverse("login") + "?next=/eds/").content.decode()
    assert "Sign in with NHSmail" in page
    assert f"{reverse('sso_start')}?next=%2Feds%2F" in page

    response = client.get(reverse("sso_start"), {"next": "/eds/"})
    assert response.status_code == 302
    sent_to = urlsplit(response["Location"])
    assert f"{sent_to.scheme}://{sent_to.netloc}" == issuer
    query = parse_qs(sent_to.query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [CALLBACK]
    assert query["scope"] == ["openid email profile"]
    assert query["code_challenge_method"] == ["S256"]
    assert client.session["oidc_login_next"] == "/eds/"


def test_a_provider_that_cannot_be_reached_is_explained_on_the_login_page(client, db, settings):
    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_RP_CLIENT_ID = "ours"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    response = client.get(reverse("sso_start"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Signing in with NHSmail is not working just now" in response.content.decode()


def test_a_callback_without_a_started_sign_in_is_refused(client, db, oidc_provider):
    oidc_provider(CALLBACK)
    response = client.get(reverse("sso_callback"), {"code": "forged", "state": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "did not finish" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_password_logins_never_ask_the_provider(client, db, settings):
    # Configured, but unreachable: a password login still works, at once.
    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_RP_CLIENT_ID = "ours"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    get_user_model().objects.create_user("ann", password="a-long-password-1")
    response = client.post(reverse("login"), {"username": "ann", "password": "a-long-password-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
