"""PDFs never slow the site: the web request only renders HTML and asks the worker; the page
says the PDF is being prepared and refreshes itself; however many ask, one PDF is made; each
person may start a few new PDFs a minute, counted in the database."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from idmf.core import pdf_jobs
from idmf.core.models import PdfJob, StoredPdf
from tests.assessments.factories import AssessmentFactory

pytestmark = pytest.mark.pdf_worker


def made_ahead_and_served(client, url):
    """The one job asked for on publishing is a public PDF; once the worker has made it,
    a visitor's download typesets nothing."""
    job = PdfJob.objects.get()
    assert job.key.startswith("public-")
    pdf_jobs.make(job.pk)  # the worker, before any visitor comes
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("idmf.core.typesetting.HTML", None)  # nothing is typeset for the visitor
        response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    return job


def test_the_page_says_it_is_being_prepared_and_the_worker_makes_it_once(
    client_for, cast, django_capture_on_commit_callbacks
):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    url = reverse("assessments:pdf", args=[draft.pk])
    client = client_for(cast.author)
    with (
        pytest.MonkeyPatch.context() as patch,
        django_capture_on_commit_callbacks(execute=True),
    ):
        # The request never typesets: WeasyPrint is not to be called in it.
        patch.setattr("idmf.core.typesetting.HTML", None)
        tabs = [client.get(url) for _ in range(8)]  # eight tabs
    for tab in tabs:
        page = tab.content.decode()
        assert tab.status_code == 200 and "Preparing your PDF" in page
        assert '<meta http-equiv="refresh" content="3">' in page
        assert tab["Cache-Control"] == "no-store"
    job = PdfJob.objects.get()  # one job for the eight
    assert DBTaskResult.objects.count() == 1  # queued for the worker once

    pdf_jobs.make(job.pk)  # the worker
    ready = client.get(url)
    assert ready["Content-Type"] == "application/pdf" and ready.content.startswith(b"%PDF-")
    assert StoredPdf.objects.count() == 1
    assert PdfJob.objects.get().state == PdfJob.State.DONE


def test_new_pdfs_a_minute_are_counted_in_the_database(client_for, cast, settings):
    settings.PDF_RENDERS_PER_MINUTE = 2
    client = client_for(cast.author)
    drafts = [
        AssessmentFactory(organisation=cast.organisation, created_by=cast.author) for _ in range(3)
    ]
    codes = [client.get(reverse("assessments:pdf", args=[d.pk])).status_code for d in drafts]
    assert codes == [200, 200, 429]
    assert (
        "Too many documents at once"
        in client.get(reverse("assessments:pdf", args=[drafts[2].pk])).content.decode()
    )
    # The count is the database's (every server process reads the same rows).
    assert PdfJob.objects.filter(asked_by=cast.author).count() == 2
    # One already asked for is not a new one; and someone else has their own allowance.
    assert client.get(reverse("assessments:pdf", args=[drafts[0].pk])).status_code == 200
    viewer = client_for(cast.viewer)
    assert viewer.get(reverse("assessments:pdf", args=[drafts[2].pk])).status_code == 200


def test_a_failed_pdf_is_tried_again_when_asked_again(client_for, cast, monkeypatch):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    url = reverse("assessments:pdf", args=[draft.pk])
    client = client_for(cast.author)
    client.get(url)
    job = PdfJob.objects.get()
    monkeypatch.setattr("idmf.core.typesetting.HTML", None)  # the typesetter breaks
    pdf_jobs.make(job.pk)
    assert PdfJob.objects.get().state == PdfJob.State.FAILED
    assert "could not be made" in client.get(url).content.decode()  # and asked again
    assert PdfJob.objects.get().state == PdfJob.State.QUEUED


def test_publishing_asks_for_the_public_pdf_so_the_public_never_waits(
    client, cast, django_capture_on_commit_callbacks
):
    from idmf.publishing import services as publishing
    from tests.assessments.factories import approved_assessment

    record = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.set_published(record, published=True, by=cast.approver)
    url = reverse("register_pdf", args=["assessments.assessment", record.pk])
    assert made_ahead_and_served(client, url).asked_by == cast.approver


def test_publishing_an_eds_report_asks_for_its_public_pdf(
    client, cast, django_capture_on_commit_callbacks
):
    from eds import lifecycle
    from tests.eds.factories import EdsReportFactory, authorised, fully_graded

    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(report, by=cast.author)
    authorised(report, author=cast.author, approver=cast.approver)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish_report(report=report, by=cast.approver)
    made_ahead_and_served(client, reverse("eds:public_report_pdf", args=[report.pk]))


def test_completing_a_decision_to_publish_asks_for_its_public_pdf(
    client, cast, django_capture_on_commit_callbacks
):
    from idmf.decisions import services as decisions
    from idmf.decisions.models import DecisionRecord
    from tests.decisions.factories import DecisionRecordFactory, complete_steps, fill_steps

    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1, 2, 3, 4, 5)
    fill_steps(record, 6)
    DecisionRecord.objects.filter(pk=record.pk).update(published=True)
    record.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.complete_decision_step(record=record, number=6, by=cast.author)
    made_ahead_and_served(client, reverse("public_record_pdf", args=[record.pk]))


def test_a_refresh_while_a_final_records_pdf_is_made_renders_nothing_again(
    client_for, cast, monkeypatch
):
    from tests.assessments.factories import approved_assessment

    record = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    url = reverse("assessments:pdf", args=[record.pk])
    client = client_for(cast.viewer)
    assert "Preparing your PDF" in client.get(url).content.decode()

    def rendered(*args, **kwargs):
        raise AssertionError("the page's HTML was rendered again")

    monkeypatch.setattr(pdf_jobs, "render_to_string", rendered)
    assert "Preparing your PDF" in client.get(url).content.decode()
    assert PdfJob.objects.count() == 1
