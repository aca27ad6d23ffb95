"""Kept PDFs in a real S3-compatible store (moto's server on loopback): they go to the
bucket; one deleted behind our back is made again; a store that is down is a page that says
so, never a server error."""

import pytest
from django.urls import reverse

from idmf.core.models import StoredPdf
from tests.assessments.factories import approved_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_pdf(cast):
    record = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    return reverse("assessments:pdf", args=[record.pk])


def test_a_final_records_pdf_is_kept_in_the_bucket(client_for, cast, object_store, approved_pdf):
    response = client_for(cast.viewer).get(approved_pdf)
    assert response["Content-Type"] == "application/pdf"
    stored = StoredPdf.objects.get()
    assert object_store.keys() == [stored.file.name]
    body = object_store.client().get_object(Bucket="inclusive-decisions-test", Key=stored.file.name)
    assert body["Body"].read() == response.content


def test_a_pdf_deleted_from_the_bucket_behind_our_back_is_made_again(
    client_for, cast, object_store, approved_pdf
):
    client = client_for(cast.viewer)
    client.get(approved_pdf)
    (lost,) = object_store.keys()
    object_store.client().delete_object(Bucket="inclusive-decisions-test", Key=lost)

    again = client.get(approved_pdf)
    assert again.status_code == 200 and again["Content-Type"] == "application/pdf"
    assert again.content.startswith(b"%PDF-")
    assert len(object_store.keys()) == 1 and StoredPdf.objects.count() == 1


def test_a_store_that_is_down_is_a_clear_page_not_a_server_error(
    client_for, cast, object_store, approved_pdf
):
    client = client_for(cast.viewer)
    client.get(approved_pdf)  # kept
    object_store.stop()
    response = client.get(approved_pdf)
    assert response.status_code == 503 and response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Files are not available at the moment" in page
    assert "Nothing you saved has been lost" in page
    # The record's own page does not need the store.
    assert client.get(approved_pdf.removesuffix("pdf/")).status_code == 200
