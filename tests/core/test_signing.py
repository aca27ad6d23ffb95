"""Signed PDFs: a final record's kept PDF is signed with the site's certificate and listed
(SignedPdf); a draft's never is; a site without a certificate makes them unsigned and says so
once; the command that makes a certificate."""

import asyncio
import contextlib
import hashlib
import io
import logging
import stat

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from idmf.core.models import SignedPdf, StoredPdf
from idmf.core.signing import sign
from idmf.integrity.checking import Outcome, check
from idmf.publishing import services as publishing
from tests.assessments.factories import AssessmentFactory, approved_assessment
from tests.signing import SIGNED_WHOLE_BY_US, signatures_of

pytestmark = pytest.mark.django_db


def pdf_of(client, assessment) -> bytes:
    response = client.get(reverse("assessments:pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_an_approved_records_pdf_is_signed_by_us_and_listed(signing, client_for, cast):
    assessment = approved_assessment(
        cast.organisation, author=cast.author, approver=cast.approver, title="Parking policy"
    )
    pdf = pdf_of(client_for(cast.viewer), assessment)
    assert signatures_of(pdf, signing) == [SIGNED_WHOLE_BY_US]
    listed = SignedPdf.objects.get()
    assert listed.sha256 == hashlib.sha256(pdf).hexdigest()
    assert listed.title == "Parking policy"
    assert listed.record == assessment and listed.version == assessment.version_number
    assert listed.url == assessment.get_absolute_url()
    # Kept signed: the next download is the same file, signed once.
    assert pdf_of(client_for(cast.approver), assessment) == pdf
    assert SignedPdf.objects.count() == 1


def test_a_published_records_public_pdf_points_to_its_public_page(signing, client, cast):
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    publishing.set_published(assessment, published=True, by=cast.approver)
    response = client.get(reverse("register_pdf", args=["assessments.assessment", assessment.pk]))
    assert signatures_of(response.content, signing) == [SIGNED_WHOLE_BY_US]
    listed = SignedPdf.objects.get(sha256=hashlib.sha256(response.content).hexdigest())
    assert listed.url == reverse("register_record", args=["assessments.assessment", assessment.pk])


def test_a_drafts_pdf_is_not_signed(signing, client_for, cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    pdf = pdf_of(client_for(cast.author), draft)
    assert pdf.startswith(b"%PDF-")
    assert signatures_of(pdf, signing) == []
    assert not SignedPdf.objects.exists()


def test_without_a_certificate_pdfs_are_unsigned_and_the_log_says_so_once(
    client_for, cast, caplog, monkeypatch, signing_files
):
    from idmf.core import signing

    monkeypatch.setattr(signing, "_warned", set())
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    client = client_for(cast.viewer)
    with caplog.at_level(logging.WARNING, logger="idmf.core.signing"):
        pdf = pdf_of(client, assessment)
        pdf_of(
            client,
            approved_assessment(cast.organisation, author=cast.author, approver=cast.approver),
        )
    assert signatures_of(pdf, signing_files) == []
    assert not SignedPdf.objects.exists()
    warnings = [r.getMessage() for r in caplog.records if r.name == "idmf.core.signing"]
    assert len(warnings) == 1 and warnings[0].startswith("PDFs are not signed: no signing key")


def test_a_pdf_kept_unsigned_is_made_again_signed_once_there_is_a_certificate(
    client_for, cast, settings, signing_files
):
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    client = client_for(cast.viewer)
    unsigned = pdf_of(client, assessment)
    settings.SIGNING_KEY = signing_files.key
    settings.SIGNING_CERTIFICATE = signing_files.certificate
    signed = pdf_of(client, assessment)
    assert signatures_of(unsigned, signing_files) == []
    assert signatures_of(signed, signing_files) == [SIGNED_WHOLE_BY_US]
    assert StoredPdf.objects.count() == 2


def test_the_command_makes_a_key_only_its_owner_reads_and_a_certificate(tmp_path, settings):
    settings.SIGNING_KEY = tmp_path / "signing" / "key.pem"
    settings.SIGNING_CERTIFICATE = tmp_path / "signing" / "certificate.pem"
    call_command("make_signing_certificate", stdout=(out := io.StringIO()))
    assert out.getvalue() == (
        f"Made a signing key at {settings.SIGNING_KEY} and a self-signed certificate at "
        f"{settings.SIGNING_CERTIFICATE}\n"
    )
    assert stat.S_IMODE(settings.SIGNING_KEY.stat().st_mode) == 0o600
    assert settings.SIGNING_CERTIFICATE.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    key = settings.SIGNING_KEY.read_bytes()
    call_command("make_signing_certificate", stdout=(again := io.StringIO()))
    assert again.getvalue().startswith("PDFs are signed with the key")
    assert settings.SIGNING_KEY.read_bytes() == key  # never replaced


def test_a_key_that_cannot_be_read_leaves_pdfs_unsigned_and_the_site_working(
    client_for, cast, settings, signing_files, tmp_path, caplog
):
    settings.SIGNING_KEY = tmp_path / "key.pem"
    settings.SIGNING_KEY.write_text("not a key")
    settings.SIGNING_CERTIFICATE = signing_files.certificate
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    with caplog.at_level(logging.WARNING, logger="idmf.core.signing"):
        pdf = pdf_of(client_for(cast.viewer), assessment)
    assert pdf.startswith(b"%PDF-") and signatures_of(pdf, signing_files) == []
    assert not SignedPdf.objects.exists()
    assert f"PDFs are not signed: the signing key {settings.SIGNING_KEY}" in caplog.text


@contextlib.contextmanager
def a_running_event_loop():
    """The thread as Playwright's synchronous API leaves it while a browser test runs: an
    event loop registered as running while synchronous code goes on."""
    loop = asyncio.new_event_loop()
    asyncio._set_running_loop(loop)
    try:
        yield
    finally:
        connections.close_all()  # the connection Django gave the thread while the loop ran
        asyncio._set_running_loop(None)
        loop.close()


@pytest.mark.django_db(transaction=True)
def test_a_pdf_is_signed_and_checked_where_an_event_loop_runs(signing, client_for, cast):
    """pyHanko runs an event loop of its own (`asyncio.run`), which cannot start where one
    runs already. (In real transactions: where a loop runs, Django gives the thread another
    database connection.)"""
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    unsigned = pdf_of(client_for(cast.author), draft)
    with a_running_event_loop():
        signed = sign(pdf=unsigned, title="Signed in a loop")
    assert signatures_of(signed, signing) == [SIGNED_WHOLE_BY_US]
    assert SignedPdf.objects.get().title == "Signed in a loop"
    # Not listed, it is checked by validating its signature: ours, whole and intact.
    SignedPdf.objects.all().delete()
    with a_running_event_loop():
        assert check(signed).outcome == Outcome.UNLISTED
