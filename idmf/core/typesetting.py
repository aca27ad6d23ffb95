"""One way to make a PDF: HTML (a Django template rendered) typeset by WeasyPrint.

Only what typesets imports this module: the worker, and the tests and bench scripts. A web
process never typesets (idmf.core.pdf_jobs), so it starts without WeasyPrint, a second and
tens of megabytes a process.

The URL fetcher serves only our own static files. Anything else named in a
template or in user-entered text (web addresses, other local files, data: URLs)
is refused and the PDF renders without it.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

# Relative URLs such as "/static/build/pdf.css" resolve against this base.
BASE_URL = "file:///"


def static_roots() -> list[Path]:
    roots = [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def static_file_for(url: str) -> Path | None:
    """The file on disk that `url` names, if it is one of our static files."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in {"", "localhost"}:
        return None
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path.removeprefix(settings.STATIC_URL)
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    candidates = [Path(found)] if found else []
    candidates.append(Path(settings.STATIC_ROOT) / relative)
    roots = static_roots()
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
            return resolved
    return None


class StaticOnlyURLFetcher(URLFetcher):
    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        path = static_file_for(url)
        if path is None:
            logger.info("PDF fetch refused: %s", url[:200])
            raise ValueError(f"Only our static files may be fetched, not {url[:200]}")
        return super().fetch(path.as_uri(), headers)


def typeset(html: str) -> bytes:
    """WeasyPrint's PDF of `html` (seconds for a long record: the worker's work)."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    return typeset(render_to_string(template_name, context))
