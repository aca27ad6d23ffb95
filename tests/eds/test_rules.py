"""EDS 2022 scoring: each way of combining services, the bands at every boundary, and the
Mid and South Essex ICB 2022/23 report's own totals."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from eds import rules, scoring
from eds.scoring import Band, Method

# The MSE ICB 2022/23 report (seed 002): Perinatal (EPUT) and Maternity (MSE FT).
MSE_DOMAIN_1 = {
    "1A": {"Perinatal": 1, "Maternity": 2},
    "1B": {"Perinatal": 2, "Maternity": 2},
    "1C": {"Perinatal": 2, "Maternity": 3},
    "1D": {"Perinatal": 2, "Maternity": 3},
}
MSE_DOMAIN_2 = {"2A": 1, "2B": 1, "2C": 1, "2D": 1}
MSE_DOMAIN_3 = {"3A": 1, "3B": 1, "3C": 1}


def by_service(**ratings):
    """Domain 1 ratings from each service's ratings of 1A, 1B, 1C and 1D, in that order."""
    return {
        code: {service: rated[n] for service, rated in ratings.items()}
        for n, code in enumerate(["1A", "1B", "1C", "1D"])
    }


def single(ratings, domain):
    scores = {code: scoring.outcome_score(code, [r], rounded=True) for code, r in ratings.items()}
    return scoring.domain_total(scores, domain=domain)


def test_the_mse_report_totals_as_the_seed_does():
    outcomes, domain_1 = scoring.domain_1(MSE_DOMAIN_1, Method.MEAN_ROUNDED)
    assert [str(s) for s in outcomes.values()] == ["2", "2", "3", "3"]
    assert domain_1.value == 10
    assert scoring.average(domain_1, 4).working == "10 ÷ 4 = 2.5"
    domain_2, domain_3 = single(MSE_DOMAIN_2, 2), single(MSE_DOMAIN_3, 3)
    assert domain_2.value == 4 and domain_3.value == 3
    total = scoring.overall([domain_1, domain_2, domain_3])
    assert total.value == 17 and scoring.band_of(total.value) is Band.DEVELOPING
    assert total.working == "Overall: 10 + 4 + 3 = 17"


def test_the_working_shows_the_mean_and_the_rounding():
    outcomes, total = scoring.domain_1(MSE_DOMAIN_1, Method.MEAN_ROUNDED)
    assert outcomes["1A"].working == "1A: (1 + 2) ÷ 2 = 1.5 → 2"
    assert outcomes["1B"].working == "1B: (2 + 2) ÷ 2 = 2"
    assert total.working == "Domain 1: 2 + 2 + 3 + 3 = 10"


def test_half_up_not_bankers_rounding():
    assert scoring.outcome_score("1A", [2, 3], rounded=True).value == 3  # 2.5 → 3
    assert scoring.outcome_score("1A", [0, 1], rounded=True).value == 1  # 0.5 → 1
    assert scoring.outcome_score("1A", [1, 1, 2], rounded=True).value == 1  # 1.33 → 1


def test_mean_not_rounded_reports_halves():
    ratings = by_service(a=(1, 2, 1, 1), b=(2, 2, 2, 1))
    _, total = scoring.domain_1(ratings, Method.MEAN_UNROUNDED)
    assert total.value == Decimal("6") and str(total) == "6"
    ratings = by_service(a=(1, 2, 2, 2), b=(2, 2, 2, 2))
    _, total = scoring.domain_1(ratings, Method.MEAN_UNROUNDED)
    assert str(total) == "7.5" and total.working == "Domain 1: 1.5 + 2 + 2 + 2 = 7.5"


def test_median_of_service_totals_with_an_odd_number_of_services():
    ratings = by_service(a=(3, 1, 1, 1), b=(2, 1, 1, 1), c=(1, 1, 1, 1))  # totals 6, 5 and 4
    _, total = scoring.domain_1(ratings, Method.MEDIAN_OF_TOTALS)
    assert total.value == 5
    # Listed by their totals, so the middle one can be checked at a glance.
    assert total.working == "Domain 1: median of the services' totals (c 4, b 5, a 6) = 5"


def test_median_of_service_totals_with_an_even_number_of_services():
    _, total = scoring.domain_1(MSE_DOMAIN_1, Method.MEDIAN_OF_TOTALS)  # totals 10 and 7
    assert total.value == 9
    assert total.working.endswith("(Perinatal 7, Maternity 10) = 8.5 → 9")


@pytest.mark.parametrize(
    "total,band",
    [
        (0, Band.UNDEVELOPED),
        (7, Band.UNDEVELOPED),
        (Decimal("7.5"), Band.UNDEVELOPED),
        (8, Band.DEVELOPING),
        (21, Band.DEVELOPING),
        (22, Band.ACHIEVING),
        (32, Band.ACHIEVING),
        (33, Band.EXCELLING),
    ],
)
def test_bands_at_every_boundary(total, band):
    assert scoring.band_of(total) is band


@pytest.mark.parametrize("bad", [-1, 4, 1.5, "2", None])
def test_ratings_outside_0_to_3_are_refused(bad):
    with pytest.raises(ValueError, match="A rating is 0 .Undeveloped. to 3 .Excelling."):
        scoring.outcome_score("2A", [bad], rounded=True)


def test_one_service_needs_no_mean():
    assert scoring.outcome_score("2A", [2], rounded=True).working == "2A: 2"


@pytest.mark.parametrize("year", ["2022/23", "2099/00", " 2023/24 "])
def test_reporting_years_in_the_templates_form(year):
    assert rules.year_problem(year) is None


@pytest.mark.parametrize("year", ["2022-23", "2022/24", "22/23", "2022", "2022/2023", "abcd/ef"])
def test_reporting_years_in_another_form_are_refused(year):
    assert rules.year_problem(year) == (
        "Enter the reporting year as a year and the next, for example 2022/23"
    )


def test_domain_1_needs_two_services_one_core20plus5_aligned():
    assert rules.services_problems([("Perinatal", True), ("Maternity", True)]) == []
    assert rules.services_problems([("Perinatal", True)]) == [
        "Choose at least two services for Domain 1"
    ]
    assert rules.services_problems([("A", False), ("B", False)]) == [
        "Choose at least one service aligned to a Core20PLUS5 clinical area"
    ]


DOMAINS = [
    rules.DomainOutcomes(1, "Commissioned or provided services", ["1A", "1B"]),
    rules.DomainOutcomes(2, "Workforce health and well-being", ["2A"]),
    rules.DomainOutcomes(3, "Inclusive leadership", ["3A"]),
]


def card(grades, services=("Perinatal", "Maternity"), per_service=True, method="mean_rounded"):
    return rules.score_card(
        DOMAINS, grades, services=list(services), per_service=per_service, method=method
    )


def test_submission_needs_every_outcome_rated_and_evidence_for_ratings_above_0():
    services = [("Perinatal", True), ("Maternity", True)]
    grades = [
        rules.Grade("1A", 1, "Audit", "Perinatal"),
        rules.Grade("1A", 2, "", "Maternity"),
        rules.Grade("1B", 0, "", "Perinatal"),
        rules.Grade("1B", 0, "", "Maternity"),
        rules.Grade("2A", 0, ""),
    ]
    problems = rules.submission_problems(card(grades), grades, services)
    assert problems == ["Give the evidence for outcome 1A for Maternity", "Rate outcome 3A"]
    assert [p.field for p in problems] == ["domain-1", "domain-3"]
    grades[1] = rules.Grade("1A", 2, "Survey", "Maternity")
    grades.append(rules.Grade("3A", None, ""))
    assert rules.submission_problems(card(grades), grades, services) == ["Rate outcome 3A"]


def test_a_service_left_unrated_is_named():
    grades = [rules.Grade("1A", 1, "Audit", "Perinatal")]
    problems = rules.submission_problems(
        card(grades), grades, [("Perinatal", True), ("Maternity", False)]
    )
    assert problems[:3] == [
        "Rate outcome 1A for Maternity",
        "Rate outcome 1B for Perinatal",
        "Rate outcome 1B for Maternity",
    ]


def test_grades_of_services_no_longer_chosen_do_not_count():
    grades = [rules.Grade(code, 2, "", "Old service") for code in ("1A", "1B")]
    grades += [rules.Grade(code, 0, "", s) for code in ("1A", "1B") for s in ("A", "B")]
    grades += [rules.Grade("2A", 1, "x"), rules.Grade("3A", 1, "y")]
    services = [("A", True), ("B", False)]
    scored = card(grades, services=["A", "B"])
    assert rules.submission_problems(scored, grades, services) == []
    assert scored.overall.value == 2


def test_no_services_chosen_is_said_once():
    problems = rules.submission_problems(card([], services=[]), [], [])
    assert problems[:2] == [
        "Choose at least two services for Domain 1",
        "Choose at least one service aligned to a Core20PLUS5 clinical area",
    ]
    assert not any("1A" in p for p in problems)


def test_the_score_card_totals_only_what_is_complete_and_says_so():
    grades = [rules.Grade("1A", 1, "", "Perinatal"), rules.Grade("1A", 2, "", "Maternity")]
    grades += [rules.Grade("2A", 3, "")]
    scored = card(grades)
    domain_1, domain_2, domain_3 = scored.domains
    assert domain_1.total is None and domain_1.unrated == ("1B",)
    assert domain_1.so_far.value == 2
    assert domain_1.so_far.working == "Domain 1: 2 = 2 so far (1 of 2 outcomes rated)"
    assert domain_1.outcomes[0].score.working == "1A: (1 + 2) ÷ 2 = 1.5 → 2"
    assert domain_2.total.value == 3 and domain_2.average_words == "Excelling"
    assert domain_3.so_far.working == "Domain 3: 0 of 1 outcomes rated"
    assert scored.overall is None and scored.band is None
    assert scored.so_far.value == 5


def test_domain_1_rated_once_across_the_services():
    grades = [rules.Grade("1A", 2, "x"), rules.Grade("1B", 3, "y")]
    grades += [rules.Grade("2A", 1, "z"), rules.Grade("3A", 0, "")]
    scored = card(grades, per_service=False, method="median_totals")
    assert scored.domains[0].total.working == "Domain 1: 2 + 3 = 5"
    assert scored.overall.value == 6 and scored.band is Band.UNDEVELOPED


def test_the_median_method_waits_for_every_rating():
    grades = [rules.Grade("1A", 2, "", "Perinatal"), rules.Grade("1A", 1, "", "Maternity")]
    grades += [rules.Grade("1B", 2, "", "Perinatal")]
    assert card(grades, method="median_totals").domains[0].total is None
    grades += [rules.Grade("1B", 3, "", "Maternity")]
    total = card(grades, method="median_totals").domains[0].total
    assert total.value == 4  # Maternity 4, Perinatal 4
    assert "median" in total.working


def test_year_on_year_change():
    two, three = scoring.Score(Decimal(2), ""), scoring.Score(Decimal(3), "")
    assert scoring.change(three, two) == "▲"
    assert scoring.change(two, three) == "▼"
    assert scoring.change(two, two) == "="
    assert scoring.change(two, None) == "" and scoring.change(None, two) == ""


@pytest.mark.parametrize(
    "today, year",
    [("2026-11-25", "2026/27"), ("2026-04-01", "2026/27"), ("2026-03-31", "2025/26"),
     ("1999-12-31", "1999/00")],
)  # fmt: skip
def test_the_reporting_year_runs_april_to_march(today, year):
    from datetime import date

    assert rules.reporting_year(date.fromisoformat(today)) == year


def test_publication_is_due_by_28_february():
    from datetime import date

    assert rules.publication_deadline("2022/23") == date(2023, 2, 28)
    assert rules.next_year("2022/23") == "2023/24"
    assert rules.next_year("2099/00") == "2100/01"


def test_status_transitions():
    S = rules.Status
    assert rules.may_become(S.DRAFT, S.SUBMITTED)
    assert rules.may_become(S.SUBMITTED, S.DRAFT)  # returned with comments
    assert rules.may_become(S.PUBLISHED, S.AUTHORISED)  # unpublished
    assert not rules.may_become(S.DRAFT, S.AUTHORISED)
    assert not rules.may_become(S.AUTHORISED, S.DRAFT)


def test_an_unrounded_mean_of_thirds_adds_up_exactly():
    """Three services rating 3, 2, 2 give 7/3 for each of three outcomes: with the fourth
    at 1 the total is 8 exactly, so Developing, not a rounding error below it."""
    three = {"A": 3, "B": 2, "C": 2}
    ratings = {"1A": three, "1B": three, "1C": three, "1D": {"A": 1, "B": 1, "C": 1}}
    outcomes, total = scoring.domain_1(ratings, Method.MEAN_UNROUNDED)
    assert outcomes["1A"].working == "1A: (3 + 2 + 2) ÷ 3 = 2.33"
    assert total.value == 8
    assert total.working == "Domain 1: 2.33 + 2.33 + 2.33 + 1 = 8 (rounded for display)"
    assert scoring.band_of(total.value) is Band.DEVELOPING
    assert scoring.change(total, scoring.Score(8, "")) == "="


def test_the_median_method_counts_what_is_rated_while_incomplete():
    grades = [rules.Grade("1A", 2, "", "Perinatal"), rules.Grade("1A", 1, "", "Maternity")]
    domain = card(grades, method="median_totals").domains[0]
    assert domain.so_far.working == "Domain 1: 1 of 2 outcomes rated"


def test_average_ratings_in_words_are_never_rounded_into_a_rating():
    assert scoring.average_words(Fraction(2)) == "Achieving"
    assert scoring.average_words(Fraction(5, 2)) == "between Achieving and Excelling"
    assert scoring.average_words(Fraction(1, 3)) == "between Undeveloped and Developing"
    assert scoring.average_words(Fraction(3)) == "Excelling"


def test_a_sum_of_rounded_thirds_says_it_is_rounded_for_display():
    ratings = by_service(a=(1, 1, 1, 1), b=(2, 2, 2, 1), c=(2, 2, 2, 1))
    _, total = scoring.domain_1(ratings, Method.MEAN_UNROUNDED)
    assert total.working == "Domain 1: 1.67 + 1.67 + 1.67 + 1 = 6 (rounded for display)"
    _, exact = scoring.domain_1(by_service(a=(1, 2, 2, 2), b=(2, 2, 2, 2)), Method.MEAN_UNROUNDED)
    assert "rounded" not in exact.working


def test_the_report_after_an_old_one_is_for_the_current_reporting_year():
    today = datetime.date(2026, 12, 7)  # in 2026/27
    assert rules.year_after("2025/26", today=today) == "2026/27"
    assert rules.year_after("2026/27", today=today) == "2027/28"
    assert rules.year_after("2021/22", today=today) == "2026/27"  # years old
