"""Every tool's record in the other formats it exports to, through the registry of record
kinds: Word (.docx: the PDF's sections and headings, for organisations that publish or edit
Word documents) and JSON (its content as open data, for archiving)."""

import json

from idmf.core import records
from idmf.core.pdf import attachment, download_filename
from idmf.core.pdf_jobs import Format, pdf_page
from idmf.core.records import record_of
from idmf.publishing.data import record_data

# Made by the worker from the PDF's HTML, as PDFs are (idmf.core.pdf_jobs): a long record's
# takes a good part of a second, and python-docx is never loaded by a web process.
WORD = Format(
    prefix="word-",
    noun="Word document",
    content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext="docx",
    maker="idmf.publishing.docx.html_to_docx",
)


def _filename(kind, record, ext: str) -> str:
    return download_filename(kind.noun, str(kind.title(record)), record.organisation.name, ext=ext)


def record_docx(request, kind, pk):
    """The record as a Word document, made by the worker from the PDF's HTML and kept under
    its digest (the same HTML is never made twice)."""
    kind, record = record_of(request, kind, pk)
    return pdf_page(
        request,
        key=None,
        context=lambda: kind.pdf(record),
        filename=_filename(kind, record, "docx"),
        made_as=WORD,
    )


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
