"""Single sign-on with NHSmail / Microsoft Entra ID, or any OpenID Connect provider, through
mozilla-django-oidc. Settings alone switch it on: the issuer's address, our client id and
secret, and the e-mail domains it may sign people in for (idmf.settings, DJANGO_OIDC_*).

The provider's endpoints come from its discovery document, fetched when first needed and
kept for an hour. A person is matched to an account by their verified e-mail address; a
first sign-in makes an account with no access (nobody gains a role by signing in), apart
from invitations sent to that address, which are accepted then.
"""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.backends import ModelBackend
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from idmf.people import services
from idmf.people.provider import ProviderUnreachable, configured, setting

UNREACHABLE = (
    "Signing in with NHSmail is not working just now. Try again in a few minutes, or log in "
    "with a password if you have one."
)


CLOSED = "Your account here has been closed. Ask your organisation admin if you need it again."


def claims_problem(claims: dict, domains: list[str]) -> str:
    """Why these claims cannot sign anyone in ("" if they can): an e-mail address the
    provider vouches for, in one of the allowed domains."""
    email = (claims.get("email") or "").strip()
    if "@" not in email:
        return (
            "Your NHSmail account did not give us an e-mail address, so we cannot tell who you are."
        )
    if claims.get("email_verified") is False:
        return f"Your e-mail address {email} is not verified by NHSmail, so it cannot sign you in."
    domain = email.rsplit("@", 1)[1].lower()
    if not any(domain == allowed.lower() for allowed in domains):
        return (
            f"{email} cannot sign in here: single sign-on is for addresses ending "
            + " or ".join(f"@{allowed}" for allowed in domains)
            + "."
        )
    return ""


def username_for(email: str, taken) -> str:
    """The new account's username: the e-mail address, unless someone already has it."""
    email = email.lower()
    if not taken(email):
        return email
    number = 2
    while taken(f"{email}-{number}"):
        number += 1
    return f"{email}-{number}"


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Signs people in through the provider. Idle (and never touching the network) for a
    password login, or when single sign-on is not configured."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        # The endpoints are read when a sign-in needs them (see authenticate), so that a
        # password login never waits on the provider.
        self.UserModel = auth.get_user_model()

    def authenticate(self, request, **kwargs):
        if not configured() or request is None or "code" not in request.GET:
            return None
        try:
            super().__init__()
        except ProviderUnreachable:
            request.sso_problem = UNREACHABLE
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims):
        problem = claims_problem(claims, settings.OIDC_EMAIL_DOMAINS)
        if problem:
            self.request.sso_problem = problem
        return not problem

    def create_user(self, claims):
        taken = self.UserModel.objects.filter
        return self.UserModel.objects.create_user(
            username_for(claims["email"], lambda name: taken(username__iexact=name).exists()),
            email=claims["email"].lower(),
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and user.is_active:
            services.accept_waiting_invitations(user=user, by=user)
        elif user is not None:
            self.request.sso_problem = CLOSED
        return user

    def get_user(self, user_id):
        # As Django's own backend does: someone deactivated is signed out at once.
        return ModelBackend.get_user(self, user_id)


def _not_configured():
    if not configured():
        raise Http404("Single sign-on is not set up here")


def _back_to_login(request, problem: str):
    messages.error(request, problem)
    return HttpResponseRedirect(reverse("login"))


class SignOnStart(OIDCAuthenticationRequestView):
    """Sends the person to the provider to sign in (the "Sign in with NHSmail" button)."""

    get_settings = staticmethod(setting)

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        _not_configured()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnreachable:
            return _back_to_login(request, UNREACHABLE)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SignOnCallback(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back: signed in, or told why not."""

    get_settings = staticmethod(setting)

    def get(self, request):
        _not_configured()
        return super().get(request)

    def login_failure(self):
        problem = getattr(self.request, "sso_problem", "") or (
            "Signing in with NHSmail did not finish. Try again, or log in with a password if "
            "you have one."
        )
        return _back_to_login(self.request, problem)
