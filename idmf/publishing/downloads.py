"""Every tool's record in the other formats it exports to, through the registry of record
kinds: Word (.docx: the PDF's sections and headings, for organisations that publish or edit
Word documents) and JSON (its content as open data, for archiving)."""

import json

from django.template.loader import render_to_string

from idmf.core import records
from idmf.core.pdf import attachment, download_filename
from idmf.core.records import record_of
from idmf.publishing.data import record_data
from idmf.publishing.docx import html_to_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
