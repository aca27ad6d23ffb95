"""What every request and response of the service needs: sessions kept alive while used,
private pages never cached, and the address a person really asks from."""

import time

from django.conf import settings
from django.utils.cache import patch_cache_control

RENEWED = "_renewed"


def renewed_at_login(sender, request, user, **kwargs):
    """A session begins renewed: the login saves it already."""
    if hasattr(request, "session"):
        request.session[RENEWED] = int(time.time())


def renew_sessions(get_response):
    """A signed-in session ends after SESSION_COOKIE_AGE idle: using the site renews it, at
    most once every SESSION_RENEW_SECONDS (one write a person a few minutes, not a write
    every request)."""

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED, 0) >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED] = now  # saved, with a new expiry, as the response leaves
        return response

    return middleware


def private_pages(get_response):
    """Pages and exports of records are private: `Cache-Control: private, no-store`, unless
    a view has said otherwise (the public register says it may be cached)."""

    def middleware(request):
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def client_address(request) -> str | None:
    """The person's own address. Behind `PROXY_COUNT` reverse proxies it is the entry the
    first of them added to X-Forwarded-For, counted from the right (what a browser put
    there itself is never trusted)."""
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if settings.PROXY_COUNT and len(forwarded) >= settings.PROXY_COUNT:
        return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
