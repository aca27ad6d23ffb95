"""What every tool's PDFs share outside the typesetting: file names, downloads, and the key a
final record's kept PDF is filed under. The typesetting itself (WeasyPrint) is in
idmf.core.typesetting, which only the worker loads.
"""

import hashlib
import re
from datetime import date

from django.http import HttpResponse
from django.utils.text import slugify

# Bump when the PDF templates change, so kept PDFs are made again in the new layout.
PDF_LAYOUT = 3


def download_filename(*parts: str, on: date | None = None, ext: str = "pdf") -> str:
    stem = "-".join(slugify(p) for p in parts if p)[:120] or "report"
    return f"{stem}-{(on or date.today()).isoformat()}.{ext}"


pdf_filename = download_filename


def attachment(content, *, content_type: str, filename: str) -> HttpResponse:
    """A download: `content` as a file called `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
