"""The public "Check a document" page: anyone may upload a PDF and is told whether it is one we
signed, unaltered (and which record it is), one we signed that was altered since, or one we
did not sign; a file that is not a PDF, too big, empty or missing is said in the error summary."""

import io
import re

import pytest
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from idmf.core.dates import nhs_date
from idmf.core.models import SignedPdf
from idmf.core.typesetting import typeset
from idmf.integrity.forms import MAX_BYTES
from tests.assessments.factories import AssessmentFactory, approved_assessment
from tests.html import text_of
from tests.signing import make_signing_files, signed_by

pytestmark = pytest.mark.django_db

URL = "/check-a-document/"
UNALTERED = "This is a document we signed, unaltered"
ALTERED = "This document was signed by us but has been altered since"
NOT_OURS = "We did not sign this document"


@pytest.fixture
def signed(signing, client_for, cast):
    """An approved EHIIRA's PDF, as its team downloads it (signed), and the EHIIRA."""
    assessment = approved_assessment(
        cast.organisation, author=cast.author, approver=cast.approver, title="Parking policy"
    )
    pdf = client_for(cast.viewer).get(reverse("assessments:pdf", args=[assessment.pk])).content
    client_for(cast.viewer).logout()
    return pdf, assessment


def checked(client, content: bytes | None, name="record.pdf") -> str:
    files = {} if content is None else {"document": _upload(content, name)}
    response = client.post(URL, files)
    assert response.status_code == 200
    return text_of(response)


def _upload(content: bytes, name: str):
    file = io.BytesIO(content)
    file.name = name
    return file


def result_of(page: str) -> str:
    return re.search(r'<div class="nhsuk-inset-text" id="result">(.*?)</div>', page)[1]


def test_the_page_offers_anyone_an_upload_and_the_footer_links_to_it(client):
    page = text_of(client.get(URL))
    assert "<h1>Check a document</h1>" in page
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    assert '<a class="nhsuk-footer__list-item-link" href="/check-a-document/">' in page
    assert reverse("check_document") == URL


def test_our_signed_pdf_unaltered_is_named_with_its_version_and_a_link(client, signed):
    pdf, assessment = signed
    result = result_of(checked(client, pdf))
    listed = SignedPdf.objects.get()
    assert f"<h2>{UNALTERED}</h2>" in result
    assert (
        f'{UNALTERED}: <a href="/assessments/{assessment.pk}/">Parking policy</a>, version 1, '
        f"signed on {nhs_date(listed.signed_at)}." in result
    )


def test_our_signed_pdf_with_one_byte_changed_is_altered(client, signed):
    pdf, _ = signed
    at = pdf.index(b"stream") + 20  # inside the first page's content, which the signature covers
    changed = pdf[:at] + bytes([pdf[at] ^ 1]) + pdf[at + 1 :]
    result = result_of(checked(client, changed))
    assert f"<h2>{ALTERED}</h2>" in result
    assert "Do not rely on what it says" in result


def test_our_signed_pdf_with_an_update_appended_is_altered_and_says_what_it_was(client, signed):
    pdf, assessment = signed
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
    writer.update_root()
    updated = io.BytesIO()
    writer.write(updated)
    assert updated.getvalue().startswith(pdf) and len(updated.getvalue()) > len(pdf)
    result = result_of(checked(client, updated.getvalue()))
    assert f"<h2>{ALTERED}</h2>" in result
    assert f'It started as: <a href="/assessments/{assessment.pk}/">Parking policy</a>' in result


def test_a_pdf_we_did_not_sign_is_not_ours(client, client_for, cast, signing):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    unsigned = client_for(cast.author).get(reverse("assessments:pdf", args=[draft.pk])).content
    assert unsigned.startswith(b"%PDF-")
    client.logout()
    assert f"<h2>{NOT_OURS}</h2>" in result_of(checked(client, unsigned))


def test_a_pdf_signed_with_another_certificate_is_not_ours(client, signing, tmp_path):
    theirs = make_signing_files(tmp_path)
    pdf = signed_by(theirs, typeset("<p>Someone else's paper</p>"))
    assert f"<h2>{NOT_OURS}</h2>" in result_of(checked(client, pdf))


@pytest.mark.parametrize(
    "content,name,error",
    [
        (None, "", "Select a PDF to check"),
        (b"", "empty.pdf", "The selected file is empty"),
        (b"Name,Age\nA,1\n", "figures.csv", "The selected file must be a PDF"),
        (
            b"%PDF-1.7\n" + b"0" * MAX_BYTES,
            "big.pdf",
            "The selected file must be smaller than 10 MB",
        ),
    ],
)
def test_what_is_not_a_pdf_to_check_is_said_in_the_error_summary(client, content, name, error):
    page = checked(client, content, name)
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: Check a document" in page
    summary = re.search(r'<div class="nhsuk-error-summary".*?</div>', page)[0]
    assert f'<a href="#id_document">{error}</a>' in summary
    assert 'id="result"' not in page
