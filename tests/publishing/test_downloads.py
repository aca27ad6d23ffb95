"""Every record exports to Word and JSON, through the registry of record kinds: the
document opens in python-docx with the PDF's headings and the record's answers, and is made
by the worker, never in the request; the JSON round-trips; nobody outside the record's
organisation gets either."""

import io
import json

import docx
import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from idmf.core import pdf_jobs
from idmf.core.models import PdfJob, StoredPdf
from tests.assessments.factories import AssessmentFactory, complete_stage1, complete_stage2
from tests.boardtool.factories import ReviewFactory, rate
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory, fill_steps
from tests.eds.factories import EdsReportFactory, fully_graded


def make(kind, cast):
    organisation, author = cast.organisation, cast.author
    if kind == "assessments.assessment":
        record = AssessmentFactory(
            organisation=organisation, created_by=author, title="Parking <b>policy</b>"
        )
        complete_stage1(record, flag=1)
        complete_stage2(record, impact="negative")
        return record, ["Section one: ", "Section three: "], "Rationale for question 7."
    if kind == "decisions.decisionrecord":
        record = DecisionRecordFactory(organisation=organisation, created_by=author)
        fill_steps(record, 1, 2)
        return record, ["Step 1: ", "Step 2: "], "Improve equitable uptake"
    if kind == "eds.edsreport":
        record = EdsReportFactory(organisation=organisation, created_by=author)
        fully_graded(record, by=author)
        return record, ["Domain 1: ", "Domain 3: "], "Evidence seen"
    record = ReviewFactory(organisation=organisation, created_by=author)
    rate(record, {"K1P1": "assured"}, by=author, evidence="=SUM(A1) minutes of the committee")
    return record, ["Every cell", "K1 × P1: "], "=SUM(A1) minutes of the committee"


KINDS = ["assessments.assessment", "decisions.decisionrecord", "eds.edsreport", "boardtool.review"]


def texts_of(document) -> list[str]:
    found = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            found.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            found.append(block.text)
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_the_word_document_holds_the_pdfs_headings_and_the_answers(client_for, cast, kind):
    record, headings, answer = make(kind, cast)
    response = client_for(cast.viewer).get(reverse("record_docx", args=[kind, record.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = docx.Document(io.BytesIO(response.content))
    heading_texts = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in headings:
        assert any(text.startswith(heading) for text in heading_texts), (heading, heading_texts)
    assert any(answer in text for text in texts_of(document))


def test_the_word_document_keeps_typed_markup_as_text(client_for, cast):
    record, _, _ = make("assessments.assessment", cast)
    response = client_for(cast.viewer).get(
        reverse("record_docx", args=["assessments.assessment", record.pk])
    )
    document = docx.Document(io.BytesIO(response.content))
    assert any("Parking <b>policy</b>" in text for text in texts_of(document))


@pytest.mark.pdf_worker
def test_the_worker_makes_the_word_document_once_never_the_request(
    client_for, cast, django_capture_on_commit_callbacks
):
    record, _, answer = make("assessments.assessment", cast)
    url = reverse("record_docx", args=["assessments.assessment", record.pk])
    client = client_for(cast.viewer)
    with (
        pytest.MonkeyPatch.context() as patch,
        django_capture_on_commit_callbacks(execute=True),
    ):
        patch.setattr("idmf.publishing.docx.html_to_docx", None)  # never called in a request
        tabs = [client.get(url) for _ in range(3)]
    for tab in tabs:
        page = tab.content.decode()
        assert tab.status_code == 200 and "Preparing your Word document" in page
        assert tab["Cache-Control"] == "no-store"
    job = PdfJob.objects.get()  # one for the three
    assert job.key.startswith("word-") and DBTaskResult.objects.count() == 1

    pdf_jobs.make(job.pk)  # the worker
    ready = client.get(url)
    assert ready["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ready["Content-Disposition"].endswith('.docx"')
    assert any(answer in text for text in texts_of(docx.Document(io.BytesIO(ready.content))))
    assert StoredPdf.objects.get().file.name.endswith(".docx")
    # A record changed since is a new document.
    record.title = "Parking policy, revised"
    record.save()
    assert "Preparing your Word document" in client.get(url).content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_the_json_round_trips_with_the_records_actions(client_for, cast, kind):
    record, _, answer = make(kind, cast)
    ActionFactory(organisation=cast.organisation, source=record, title="Audit =1+1")
    response = client_for(cast.viewer).get(reverse("record_json", args=[kind, record.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["kind"] == kind and data["id"] == record.pk
    assert data["organisation"]["name"] == cast.organisation.name
    assert data["url"] == "http://testserver" + record.get_absolute_url()
    if kind in {"assessments.assessment", "decisions.decisionrecord"}:
        # (EDS reports and reviews raise actions through their parts, not themselves.)
        assert [a["title"] for a in data["actions"]] == ["Audit =1+1"]


@pytest.mark.parametrize("name", ["record_docx", "record_json"])
@pytest.mark.parametrize("who,status", [("outsider", 404), ("no_membership", 404)])
def test_nobody_outside_the_organisation_gets_a_download(client_for, cast, name, who, status):
    record = AssessmentFactory(organisation=cast.organisation)
    url = reverse(name, args=["assessments.assessment", record.pk])
    assert client_for(getattr(cast, who)).get(url).status_code == status


def test_an_unknown_kind_of_record_is_not_found(client_for, cast):
    url = reverse("record_json", args=["core.membership", cast.viewer.memberships.first().pk])
    assert client_for(cast.viewer).get(url).status_code == 404


def test_the_record_page_offers_each_download(client_for, cast):
    record = AssessmentFactory(organisation=cast.organisation)
    page = client_for(cast.viewer).get(record.get_absolute_url()).content.decode()
    for name in ["record_docx", "record_json"]:
        assert reverse(name, args=["assessments.assessment", record.pk]) in page
