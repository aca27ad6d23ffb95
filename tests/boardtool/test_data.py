"""A board assurance review as open data: all 40 cells by their key line and priority codes,
each with its rating, evidence and the records it cites, as stored, and nothing
`json.dumps` cannot write."""

import dataclasses
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from boardtool import services
from boardtool.data import review_data
from boardtool.models import Review
from boardtool.report import build_matrix, with_parts
from idmf.core.records import kind_for
from idmf.publishing.data import record_data
from tests.assessments.factories import AssessmentFactory
from tests.boardtool.factories import ReviewFactory, rate
from tests.data_export import export_queries, round_trip
from tests.decisions.factories import DecisionRecordFactory
from tests.eds.factories import EdsReportFactory

pytestmark = pytest.mark.django_db

TRICKY = '<b>Bold</b> & =SUM(A1:A9) "quoted"\nsecond line – en dash'
KLOES = [f"K{n}" for n in range(1, 9)]
PRIORITIES = [f"P{n}" for n in range(1, 6)]


def cited(record) -> tuple[int, int]:
    return ContentType.objects.get_for_model(record).pk, record.pk


@pytest.fixture
def review(cast):
    return ReviewFactory(
        organisation=cast.organisation,
        created_by=cast.author,
        subject="Health inequalities <b>strategy</b>",
        meeting_date=datetime.date(2026, 12, 10),
        sro="Chief Medical Officer",
    )


def test_all_forty_cells_with_codes_ratings_evidence_and_citations(review, cast):
    ehiira = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    eds = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    rate(
        review,
        {"K1P1": "assured"},
        by=cast.author,
        citations=[cited(ehiira), cited(eds)],
        evidence=TRICKY,
    )
    rate(review, {"K3P2": "not_assured", "K8P5": "not_applicable"}, by=cast.author)

    data = round_trip(review_data(Review.objects.get(pk=review.pk)))

    assert data["subject_kind"] == "strategy"
    assert data["subject_kind_label"] == "A strategy"
    assert data["subject"] == "Health inequalities <b>strategy</b>"
    assert data["board"] == "Quality and Safety Committee"
    assert data["meeting_date"] == "2026-12-10"
    assert data["sro"] == "Chief Medical Officer"
    cells = data["cells"]
    assert len(cells) == 40
    assert [(c["kloe"], c["priority"]) for c in cells] == [
        (k, p) for k in KLOES for p in PRIORITIES
    ]
    by_code = {c["kloe"] + c["priority"]: c for c in cells}
    assert by_code["K1P1"] == {
        "kloe": "K1",
        "priority": "P1",
        "rating": "assured",
        "rating_label": "Assured",
        "evidence": TRICKY,
        "citations": [
            {"kind": "assessments.assessment", "id": ehiira.pk, "title": ehiira.title},
            {"kind": "eds.edsreport", "id": eds.pk, "title": eds.year},
        ],
    }
    assert (by_code["K3P2"]["rating"], by_code["K3P2"]["rating_label"]) == (
        "not_assured",
        "Not assured",
    )
    assert by_code["K3P2"]["citations"] == []
    assert by_code["K8P5"]["rating"] == "not_applicable"
    # A cell never saved: not yet assessed, with nothing typed or cited.
    assert by_code["K2P4"] == {
        "kloe": "K2",
        "priority": "P4",
        "rating": "not_yet_assessed",
        "rating_label": "Not yet assessed",
        "evidence": "",
        "citations": [],
    }
    assert data["scorecard"]["overall"] == {
        "assured": 1,
        "partially_assured": 0,
        "not_assured": 1,
        "not_applicable": 1,
        "not_yet_assessed": 37,
    }
    assert data["scorecard"]["by_kloe"]["K1"]["assured"] == 1
    assert data["scorecard"]["by_priority"]["P2"]["not_assured"] == 1
    assert data["approval"] == {"approver_name": "", "approved_at": ""}


def test_the_scorecard_is_the_one_the_page_shows(review, cast):
    rate(review, {"K1P1": "assured", "K1P2": "partially_assured"}, by=cast.author)
    matrix = build_matrix(with_parts(Review.objects).get(pk=review.pk))

    data = round_trip(review_data(review))

    assert data["scorecard"]["overall"] == {r.value: n for r, n in matrix.overall.counts}
    assert [c["rating"] for c in data["cells"]] == [v.rating.value for v in matrix.cells]


def test_an_approved_review_through_the_whole_export(review, cast):
    decision = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    rate(review, {"K2P3": "partially_assured"}, by=cast.author, citations=[cited(decision)])
    services.submit_review(review=review, by=cast.author)
    services.approve_review(review=review, by=cast.approver)
    kind = dataclasses.replace(kind_for(Review), data=review_data)

    data = round_trip(record_data(kind, kind.queryset().get(pk=review.pk), url="https://x.test/"))

    assert data["kind"] == "boardtool.review"
    assert data["status"] == "Approved"
    review.refresh_from_db()
    assert data["approval"] == {
        "approver_name": review.approver_name,
        "approved_at": review.approved_at.isoformat(),
    }
    datetime.datetime.fromisoformat(data["approval"]["approved_at"])
    cell = next(c for c in data["cells"] if (c["kloe"], c["priority"]) == ("K2", "P3"))
    assert cell["citations"] == [
        {"kind": "decisions.decisionrecord", "id": decision.pk, "title": decision.title}
    ]


def test_queries_do_not_grow_with_cells_and_citations(cast):
    def reviewed(count):
        made = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
        records = [
            cited(a) for a in AssessmentFactory.create_batch(count, organisation=cast.organisation)
        ]
        eds = EdsReportFactory(organisation=cast.organisation)
        codes = [f"{k}{p}" for k in KLOES for p in PRIORITIES][:count]
        rate(
            made, dict.fromkeys(codes, "assured"), by=cast.author, citations=[*records, cited(eds)]
        )
        return made

    def queries(made):
        ContentType.objects.clear_cache()
        return export_queries(review_data, made)

    (small, _), (large, data) = queries(reviewed(1)), queries(reviewed(12))
    assert small == large
    assert sum(len(c["citations"]) for c in data["cells"]) == 12 * 13
