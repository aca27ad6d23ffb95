"""An EDS report as open data: every outcome's grades by its code, the score card exactly as
the report computes it, the action plan, as stored, and nothing `json.dumps` cannot write."""

import dataclasses
from fractions import Fraction

import pytest

from eds import services
from eds.data import report_data
from eds.models import EdsOutcome, EdsReport
from eds.report import build_report, built, with_parts
from idmf.core.records import kind_for
from idmf.publishing.data import record_data
from tests.data_export import export_queries, round_trip
from tests.eds.factories import EdsReportFactory, add_action, choose, fully_graded, grade

pytestmark = pytest.mark.django_db

TRICKY = '<b>Bold</b> & =SUM(A1:A9) "quoted"\nsecond line – en dash'
CODES = ["1A", "1B", "1C", "1D", "2A", "2B", "2C", "2D", "3A", "3B", "3C"]


@pytest.fixture
def report(cast):
    return EdsReportFactory(organisation=cast.organisation, created_by=cast.author, year="2024/25")


def page_card(report):
    """The score card as the report's page computes it."""
    return built(with_parts(EdsReport.objects).get(pk=report.pk)).card


def test_every_outcome_graded_per_service_with_the_score_card_of_the_page(report, cast):
    services.save_header(
        report=report,
        expected_version=None,
        board_sponsor="Dr Ada Sponsor",
        eds_lead="Sam Lead",
        completed_by="partnership",
        partners=[cast.sibling],
        completed_actions=TRICKY,
        by=cast.author,
    )
    first, second = fully_graded(report, by=cast.author, per_service=(1, 2), others=3)
    grade(report, {"2A": 0}, by=cast.author)
    outcome = EdsOutcome.objects.get(code="1B")
    add_action(
        report,
        (outcome.pk, second.pk),
        title="Book interpreters",
        owner="Maternity lead",
        objectives={(outcome.pk, second.pk): {"text": "Interpreters <em>booked</em> =1+1"}},
        by=cast.author,
    )

    data = round_trip(report_data(EdsReport.objects.get(pk=report.pk)))

    assert data["year"] == "2024/25"
    assert data["board_sponsor"] == "Dr Ada Sponsor" and data["eds_lead"] == "Sam Lead"
    assert data["completed_by"] == "partnership"
    assert data["partners"] == ["Sibling Trust"]
    assert data["completed_actions"] == TRICKY
    assert data["services"] == [first.name, second.name]
    assert data["core20plus5_services"] == [first.name]
    assert (data["domain1_grading"], data["method"]) == ("per_service", "mean_rounded")
    # Domain 1 for each service, Domains 2 and 3 once: 4 × 2 + 7 grades, in outcome order.
    grades = data["grades"]
    assert len(grades) == 15
    assert [g["outcome"] for g in grades] == [c for c in CODES[:4] for _ in (1, 2)] + CODES[4:]
    assert {g["outcome"] for g in grades} == set(CODES)
    one_a = [g for g in grades if g["outcome"] == "1A"]
    assert [(g["service"], g["rating"], g["rating_label"]) for g in one_a] == [
        (first.name, 1, "Developing"),
        (second.name, 2, "Achieving"),
    ]
    assert one_a[0]["service_id"] == first.pk
    assert one_a[0]["evidence"] == "Evidence seen" and one_a[0]["owner"] == "EDI team"
    two_a = next(g for g in grades if g["outcome"] == "2A")
    assert (two_a["service"], two_a["rating"], two_a["rating_label"]) == (None, 0, "Undeveloped")
    assert two_a["domain"] == 2

    card, page = data["score_card"], page_card(report)
    # 1A…1D: (1 + 2) ÷ 2 = 1.5 → 2 each; 2A 0 and 2B…2D 3; 3A…3C 3.
    assert [d["total"]["value"] for d in card["domains"]] == [8, 9, 9]
    assert card["overall"]["value"] == 26 == page.overall.value
    assert card["overall"]["exact"] == str(page.overall.value)
    assert card["overall"]["working"] == page.overall.working
    assert (
        (card["band"], card["band_label"])
        == ("achieving", "Achieving")
        == (
            page.band.value,
            page.band.label,
        )
    )
    one_a_score = card["domains"][0]["outcomes"][0]
    assert one_a_score["code"] == "1A"
    assert one_a_score["score"]["text"] == "2"
    assert one_a_score["score"]["working"] == "1A: (1 + 2) ÷ 2 = 1.5 → 2"
    assert card["domains"][0]["unrated"] == []

    assert data["action_plan"] == [
        {
            "outcome": "1B",
            "service": second.name,
            "service_id": second.pk,
            "objective": "Interpreters <em>booked</em> =1+1",
        }
    ]


def test_a_mean_not_rounded_is_given_exactly_and_as_a_number(report, cast):
    first, second = choose(report, by=cast.author, method="mean")
    ratings = {}
    for code in CODES[:4]:
        ratings[(code, first)] = 1
        ratings[(code, second)] = 2
    for code in CODES[4:]:
        ratings[code] = 1
    grade(report, ratings, by=cast.author)

    data = round_trip(report_data(report))

    card, page = data["score_card"], page_card(report)
    assert card["method"] == "mean"
    one_a = card["domains"][0]["outcomes"][0]["score"]
    assert (one_a["value"], one_a["exact"], one_a["text"]) == (1.5, "3/2", "1.5")
    assert card["domains"][0]["total"]["value"] == 6
    assert Fraction(card["overall"]["exact"]) == page.overall.value == 13
    assert card["band"] == "developing"


def test_a_report_not_yet_rated_lists_every_outcome_with_no_rating(report, cast):
    first, second = choose(report, by=cast.author, grading="across")
    grade(report, {"1A": 2}, by=cast.author)

    data = round_trip(report_data(report))

    assert [g["outcome"] for g in data["grades"]] == CODES
    assert {g["service"] for g in data["grades"]} == {None}
    rated = [g for g in data["grades"] if g["rating"] is not None]
    assert [(g["outcome"], g["rating"]) for g in rated] == [("1A", 2)]
    unrated = data["grades"][1]
    assert (unrated["rating"], unrated["rating_label"], unrated["evidence"]) == (None, None, "")
    card = data["score_card"]
    assert card["overall"] is None and card["band"] is None and card["band_label"] is None
    assert card["domains"][0]["total"] is None
    assert card["domains"][0]["so_far"]["value"] == 2
    assert card["domains"][0]["unrated"] == ["1B", "1C", "1D"]
    assert card["so_far"]["value"] == 2
    assert data["authorisation"]["authorised_at"] == "" and data["published_at"] == ""


def test_a_service_since_unticked_is_not_part_of_the_report(report, cast):
    first, second = fully_graded(report, by=cast.author)
    choose(report, [first], by=cast.author)

    data = round_trip(report_data(report))

    assert {g["service"] for g in data["grades"] if g["domain"] == 1} == {first.name}
    assert data["score_card"]["overall"]["value"] == page_card(report).overall.value


def test_authorised_and_published_through_the_whole_export(report, cast, sign_off):
    sign_off(report, publish=True, years="2024/25")
    kind = dataclasses.replace(kind_for(EdsReport), data=report_data)

    data = round_trip(record_data(kind, kind.queryset().get(pk=report.pk), url="https://x.test/"))

    assert data["kind"] == "eds.edsreport"
    assert data["title"] == "2024/25"  # the envelope's, not overridden
    assert data["status"] == "Published"
    report.refresh_from_db()
    assert data["authorisation"] == {
        "authoriser_name": report.authoriser_name,
        "authorised_at": report.authorised_at.isoformat(),
        "authorisation_date": report.authorisation_date,
        "authorised_on_behalf_of": "Dr Ada Sponsor, Chief Nurse",
    }
    assert data["years_active"] == "2024/25"
    assert data["published_at"] == report.published_at.isoformat()
    assert len(data["grades"]) == 15


def test_queries_do_not_grow_with_grades_and_objectives(report, cast):
    bare = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    choose(bare, by=cast.author)
    fully_graded(report, by=cast.author)
    plan = {(o.pk, None): {"text": f"Objective {o.code}"} for o in EdsOutcome.objects.all()[4:]}
    services.save_action_plan(report=report, expected_version=None, objectives=plan, by=cast.author)
    # One objective each: the report reads the plan's actions only when it has objectives.
    one = dict(list(plan.items())[:1])
    services.save_action_plan(report=bare, expected_version=None, objectives=one, by=cast.author)

    (full_count, full), (bare_count, _) = (
        export_queries(report_data, report),
        export_queries(report_data, bare),
    )
    assert full_count == bare_count
    assert len(full["action_plan"]) == 7
    content = build_report(with_parts(EdsReport.objects).get(pk=report.pk))
    assert full["score_card"]["overall"]["value"] == content.card.overall.value
