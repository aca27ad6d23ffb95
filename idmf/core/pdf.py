"""One way to make a PDF: a Django template rendered by WeasyPrint.

The URL fetcher serves only our own static files. Anything else named in a
template or in user-entered text (web addresses, other local files, data: URLs)
is refused and the PDF renders without it.
"""

import hashlib
import logging
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

# Bump when the PDF templates change, so kept PDFs are made again in the new layout.
PDF_LAYOUT = 3

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


def download_filename(*parts: str, on: date | None = None, ext: str = "pdf") -> str:
    stem = "-".join(slugify(p) for p in parts if p)[:120] or "report"
    return f"{stem}-{(on or date.today()).isoformat()}.{ext}"


pdf_filename = download_filename


def attachment(content, *, content_type: str, filename: str) -> HttpResponse:
    """A download: `content` as a file called `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return attachment(pdf, content_type="application/pdf", filename=filename)


def state_key(record, *more, actions) -> str:
    """What a kept PDF of `record` depends on: its version, the actions it raised (their
    statuses change without the record changing: `Action.objects.of_record`) and anything
    else it shows (`more`)."""
    actions = list(actions.order_by("pk").values_list("pk", "status", "title", "owner", "due_date"))
    digest = hashlib.sha256(repr((actions, more)).encode()).hexdigest()[:16]
    return f"{type(record).__name__.lower()}-{record.pk}-v{record.version}-{digest}"


STATE_KEY = re.compile(r"(?P<model>[a-z0-9_]+)-(?P<pk>\d+)-v\d+-[0-9a-f]{16}")


def record_named_by(key: str) -> tuple[str, int] | None:
    """The record a `state_key` names: its model's name in lower case, and its id."""
    if match := STATE_KEY.fullmatch(key):
        return match["model"], int(match["pk"])
    return None
