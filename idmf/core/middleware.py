"""What every request and response of the service needs: sessions kept alive while used,
private pages never cached, and the address a person really asks from."""

import time

from django.conf import settings
from django.utils.cache import patch_cache_control
from whitenoise.middleware import WhiteNoiseMiddleware

RENEWED = "_renewed"


class StaticFiles(WhiteNoiseMiddleware):
    """WhiteNoise, reading the collected static files once a process rather than once each
    time the middleware is built. A server builds it once; Django's test client builds it
    for every client, and each build walked about 950 files (a fifth of the permission
    matrix's time). The files do not change while a process runs (collectstatic runs
    before it starts)."""

    _read: dict[tuple[str, str], dict] = {}

    def update_files_dictionary(self, root, prefix):
        key = (root, prefix)
        if key not in self._read:
            before = set(self.files)
            super().update_files_dictionary(root, prefix)
            self._read[key] = {url: f for url, f in self.files.items() if url not in before}
        self.files.update(self._read[key])


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
