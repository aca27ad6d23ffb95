"""The single sign-on provider as the settings name it: whether one is set up, and its
endpoints from its discovery document (fetched when first needed, kept for an hour)."""

import requests
from django.conf import settings
from django.core.cache import cache
from mozilla_django_oidc.utils import import_from_settings

# mozilla-django-oidc's endpoint settings, and the discovery document's names for them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


DISCOVERY_SECONDS = 60 * 60


class ProviderUnreachable(Exception):
    """The provider's discovery document could not be fetched."""


def configured() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def discovery() -> dict:
    """The provider's discovery document (its endpoints), fetched once an hour."""
    key = f"oidc-discovery:{settings.OIDC_ISSUER}"
    found = cache.get(key)
    if found is None:
        url = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            found = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnreachable(str(error)) from error
        cache.set(key, found, DISCOVERY_SECONDS)
    return found


def setting(name: str, *default):
    """A mozilla-django-oidc setting; its endpoints from the provider's discovery document."""
    if name in DISCOVERED:
        return discovery()[DISCOVERED[name]]
    return import_from_settings(name, *default)
