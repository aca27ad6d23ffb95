"""Every tool's record in the other formats it exports to, through the registry of record
kinds: Word (.docx: the PDF's sections and headings, for organisations that publish or edit
Word documents) and JSON (its content as open data, for archiving)."""

import json

from django.http import Http404
from django.template.loader import render_to_string

from idmf.core import records
from idmf.core.docx import html_to_docx
from idmf.core.exports import record_data
from idmf.core.pdf import attachment, download_filename
from idmf.core.permissions import Perm, get_for_user_or_404

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def record_of(request, kind_key: str, pk: int):
    """The kind named in a URL ("assessments.assessment") and its record `pk`, for someone
    who may read it (else 404)."""
    kind = records.KINDS.get(kind_key)
    if kind is None:
        raise Http404("No such kind of record")
    return kind, get_for_user_or_404(request.user, kind.queryset(), Perm.VIEW_RECORDS, pk=pk)


def _filename(kind, record, ext: str) -> str:
    return download_filename(kind.noun, str(kind.title(record)), record.organisation.name, ext=ext)


def record_docx(request, kind, pk):
    kind, record = record_of(request, kind, pk)
    template, context = kind.pdf(record)
    document = html_to_docx(render_to_string(template, context))
    return attachment(document, content_type=DOCX_TYPE, filename=_filename(kind, record, "docx"))


def record_json(request, kind, pk):
    kind, record = record_of(request, kind, pk)
    data = record_data(kind, record, url=request.build_absolute_uri(record.get_absolute_url()))
    return attachment(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        filename=_filename(kind, record, "json"),
    )


def links_for(record) -> dict:
    """What the downloads component needs: the record's kind and id."""
    return {"kind": records.kind_for(type(record)).key, "pk": record.pk}
