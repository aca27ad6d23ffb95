"""Board assurance pages as users see them."""

import re

import pytest
from django.urls import reverse

from boardtool import services
from boardtool.models import Cell, Citation, Review
from tests.assessments.factories import AssessmentFactory, submitted
from tests.assessments.factories import approved as approved_assessment
from tests.boardtool.factories import ReviewFactory, approved, prompt, rate
from tests.core.factories import ActionFactory
from tests.eds.factories import EdsReportFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast):
    return ReviewFactory(organisation=cast.organisation, created_by=cast.author)


def cell_url(review, code):
    return reverse("boardtool:cell", args=[review.pk, prompt(code).pk])


def test_every_page_of_a_review_opens(client_for, cast, review):
    client = client_for(cast.author)
    for url in [
        reverse("boardtool:index"),
        reverse("boardtool:new"),
        reverse("boardtool:detail", args=[review.pk]),
        reverse("boardtool:details", args=[review.pk]),
        cell_url(review, "K1P1"),
        reverse("boardtool:scorecard", args=[review.pk]),
        reverse("boardtool:check", args=[review.pk]),
        reverse("boardtool:history", args=[review.pk]),
        reverse("boardtool:pdf", args=[review.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_matrix_is_a_table_with_headers_and_ratings_in_words(client_for, cast, review):
    rate(review, {"K1P1": "assured", "K2P3": "not_assured"}, by=cast.author)
    page = text_of(client_for(cast.viewer).get(reverse("boardtool:detail", args=[review.pk])))
    assert (
        '<th scope="col" class="nhsuk-table__header">P1. Restore NHS services Inclusively' in page
    )
    assert '<th scope="row" class="nhsuk-table__header">K1. Leadership capability' in page
    k1p1 = page[page.index('id="cell-K1-P1"') :][:400]
    assert "Assured" in k1p1 and "nhsuk-tag--green" in k1p1
    assert "Not assured" in page[page.index('id="cell-K2-P3"') :][:400]


def test_a_cell_is_rated_with_evidence_citations_and_an_action_then_goes_on(
    client_for, cast, review
):
    ehiira = approved_assessment(
        submitted(AssessmentFactory(organisation=cast.organisation, created_by=cast.author),
                  by=cast.author),
        by=cast.approver,
    )  # fmt: skip
    eds = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    client = client_for(cast.author)
    page = text_of(client.get(cell_url(review, "K1P1")))
    assert "Bring questioning and challenge to ensure health equity" in page
    assert f"EHIIRA: {ehiira.title} (Approved)" in page
    assert f"EDS report: {eds.year} (Draft)" in page
    response = client.post(
        cell_url(review, "K1P1"),
        {
            "version": review.version,
            "rating": "partially_assured",
            "evidence": "The plan names the gaps",
            "citations": [f"{ct}-{ehiira.pk}" for ct in [_type_id(ehiira)]],
            "action-title": "Report waiting lists by IMD quintile",
            "action-owner": "Director of Performance",
            "action-due_date_0": "31",
            "action-due_date_1": "3",
            "action-due_date_2": "2027",
            "continue": "1",
        },
    )
    assert response["Location"] == cell_url(review, "K1P2")
    cell = Cell.objects.get(review=review)
    assert (cell.rating, cell.evidence) == ("partially_assured", "The plan names the gaps")
    assert Citation.objects.get(cell=cell).record == ehiira
    matrix = text_of(client.get(reverse("boardtool:detail", args=[review.pk])))
    assert "1 cited · 1 action" in matrix


def _type_id(record):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(record).pk


def test_a_record_of_another_organisation_cannot_be_cited(client_for, cast, review):
    theirs = AssessmentFactory(organisation=cast.other, created_by=cast.outsider)
    response = client_for(cast.author).post(
        cell_url(review, "K1P1"),
        {
            "version": review.version,
            "rating": "assured",
            "evidence": "Typed evidence",
            "citations": [f"{_type_id(theirs)}-{theirs.pk}"],
        },
    )
    page = text_of(response)
    assert "Only records of this organisation can be cited" in page
    assert "Typed evidence" in page and not Cell.objects.exists()
    with pytest.raises(services.ReviewError, match="Only records of this organisation"):
        rate(review, {"K1P1": "assured"}, by=cast.author, citations=[(_type_id(theirs), theirs.pk)])


def test_the_scorecard_counts_and_shows_the_change_since_the_last_approved_review(
    client_for, cast, review
):
    earlier = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
    approved(earlier, author=cast.author, approver=cast.approver,
             ratings={"K1P1": "partially_assured", "K1P2": "assured"})  # fmt: skip
    rate(review, {"K1P1": "assured", "K1P2": "not_assured", "K3P3": "not_applicable"},
         by=cast.author)  # fmt: skip
    page = text_of(client_for(cast.viewer).get(reverse("boardtool:scorecard", args=[review.pk])))
    assert "more assured than last time" in page[page.index('id="cell-K1-P1"') :][:600]
    assert "less assured than last time" in page[page.index('id="cell-K1-P2"') :][:600]
    counts = page[page.index('id="counts"') :]
    k1 = counts[counts.index(">K1<") :][:400]
    assert re.findall(r'nhsuk-table__cell">(\d+)<', k1)[:5] == ["1", "0", "1", "0", "3"]
    assert "All 40 cells" in counts


def test_an_approved_review_is_read_only_and_a_new_version_copies_it(client_for, cast, review):
    approved(review, author=cast.author, approver=cast.approver, ratings={"K2P2": "assured"})
    client = client_for(cast.author)
    assert client.get(cell_url(review, "K2P2")).status_code == 403
    response = client.post(reverse("boardtool:new_version", args=[review.pk]))
    draft = Review.objects.get(previous_version=review)
    assert response["Location"] == draft.get_absolute_url()
    assert draft.cells.get().rating == "assured" and draft.status == "draft"


def test_approval_is_by_an_approver_who_did_not_write_it(client_for, cast, review):
    rate(review, {"K1P1": "assured"}, by=cast.approver)
    services.submit_review(review=review, by=cast.author)
    response = client_for(cast.approver).post(
        reverse("boardtool:approve", args=[review.pk]), {"version": review.version + 2}
    )
    assert "you wrote or changed" in text_of(response)
    assert Review.objects.get(pk=review.pk).status == "submitted"


@pytest.mark.parametrize("name", ["boardtool:detail", "boardtool:scorecard"])
def test_matrix_query_count_does_not_grow_with_citations_and_actions(
    client_for, cast, queries_for, name
):
    def reviewed(count):
        made = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
        records = [
            (_type_id(a), a.pk)
            for a in AssessmentFactory.create_batch(count, organisation=cast.organisation)
        ]
        eds = EdsReportFactory(organisation=cast.organisation)
        codes = ["K1P1", "K2P2", "K3P3", "K4P4", "K5P5", "K6P1", "K7P2", "K8P3"][:count]
        rate(made, dict.fromkeys(codes, "assured"), by=cast.author,
             citations=[*records, (_type_id(eds), eds.pk)])  # fmt: skip
        for cell in made.cells.all():
            for _ in range(count):
                ActionFactory(organisation=cast.organisation, source=cell, created_by=cast.author)
        return made

    small, large = reviewed(1), reviewed(8)
    client = client_for(cast.viewer)
    assert queries_for(client, reverse(name, args=[large.pk])) == queries_for(
        client, reverse(name, args=[small.pk])
    )


def test_a_new_version_is_compared_with_the_previous_review_not_with_itself(cast, review):
    from boardtool.report import previous_approved

    earlier = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
    approved(earlier, author=cast.author, approver=cast.approver)
    approved(review, author=cast.author, approver=cast.approver)
    draft = services.start_new_version(review=review, by=cast.author)
    assert previous_approved(draft) == earlier
    assert previous_approved(review) == earlier
