"""Every record exports to Word and JSON, through the registry of record kinds: the
document opens in python-docx with the PDF's headings and the record's answers; the JSON
round-trips; nobody outside the record's organisation gets either."""

import io
import json

import docx
import pytest
from django.urls import reverse

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
