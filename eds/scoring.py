"""How EDS 2022 ratings make scores: each outcome's score, the three ways several services'
Domain 1 ratings combine, domain and overall totals, the bands of the score card, and the
change from last year. Pure: no database access here.

Every score carries its working, so a page or a PDF can show it next to the number:
"1A: (1 + 2) ÷ 2 = 1.5 → 2".
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from django.db import models

from idmf.core.status import tagged


class Rating(models.IntegerChoices):
    UNDEVELOPED = 0, "Undeveloped"
    DEVELOPING = 1, "Developing"
    ACHIEVING = 2, "Achieving"
    EXCELLING = 3, "Excelling"


@tagged({"undeveloped": "red", "developing": "orange", "achieving": "green", "excelling": "blue"})
class Band(models.TextChoices):
    """The score card's bands, for the overall total only ("adding all outcome scores in
    all domains"). A domain tops out at 12 (or 9), so a band would misread it: a domain
    says instead, in words, the rating its outcomes average (`average_words`)."""

    UNDEVELOPED = "undeveloped", "Undeveloped"
    DEVELOPING = "developing", "Developing"
    ACHIEVING = "achieving", "Achieving"
    EXCELLING = "excelling", "Excelling"


# The score card, in the template's words: under 8 Undeveloped, 8 to 21 Developing,
# 22 to 32 Achieving, 33 Excelling. (lowest total of the band, band)
BANDS = [(33, Band.EXCELLING), (22, Band.ACHIEVING), (8, Band.DEVELOPING), (0, Band.UNDEVELOPED)]
BAND_KEY = "Under 8 Undeveloped · 8–21 Developing · 22–32 Achieving · 33 Excelling"


class Method(models.TextChoices):
    """How the Domain 1 ratings of several services make one score; chosen per report."""

    MEAN_ROUNDED = "mean_rounded", "Mean of the services' ratings for each outcome, rounded half up"
    MEDIAN_OF_TOTALS = "median_totals", "Median of each service's Domain 1 total"
    MEAN_UNROUNDED = "mean", "Mean of the services' ratings for each outcome, not rounded"


@dataclass(frozen=True)
class Score:
    """A number and how it was reached. Exact (a fraction): a mean of thirds adds up to
    what it should, and its band and its change from last year are never a rounding away."""

    value: Fraction
    working: str

    def __str__(self):
        return format_number(self.value)


def format_number(value) -> str:
    """17, 7.5, 2.33: no trailing zeros, at most two decimal places."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    shown = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{shown.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize()}"


def round_half_up(value) -> Fraction:
    """2.5 → 3 and 0.5 → 1 (not the banker's 2 and 0); ratings are never negative."""
    return Fraction(floor(Fraction(value) + Fraction(1, 2)))


def check_rating(value) -> int:
    """A rating is 0, 1, 2 or 3; anything else is refused with the reason."""
    if value not in Rating.values:
        raise ValueError(f"A rating is 0 (Undeveloped) to 3 (Excelling), not {value!r}")
    return int(value)


def band_of(total) -> Band:
    return next(band for lowest, band in BANDS if Fraction(total) >= lowest)


def average(total: Score, outcomes: int) -> Score:
    """The rating a domain's outcomes average: "10 ÷ 4 = 2.5"."""
    value = total.value / outcomes
    return Score(value, f"{format_number(total.value)} ÷ {outcomes} = {format_number(value)}")


def average_words(value) -> str:
    """An average rating in words: "Achieving" for exactly 2, "between Achieving and
    Excelling" for 2.5 (never rounded into a rating it is not)."""
    value = Fraction(value)
    lower = floor(value)
    if value == lower:
        return Rating(lower).label
    return f"between {Rating(lower).label} and {Rating(lower + 1).label}"


def outcome_score(code: str, ratings: Sequence[int], *, rounded: bool) -> Score:
    """One outcome's score from one or more services' ratings (a mean)."""
    ratings = [check_rating(r) for r in ratings]
    if not ratings:
        raise ValueError(f"{code} has no rating")
    if len(ratings) == 1:
        return Score(Fraction(ratings[0]), f"{code}: {ratings[0]}")
    mean = Fraction(sum(ratings), len(ratings))
    working = f"{code}: ({' + '.join(map(str, ratings))}) ÷ {len(ratings)} = {format_number(mean)}"
    if rounded and mean != round_half_up(mean):
        return Score(round_half_up(mean), f"{working} → {format_number(round_half_up(mean))}")
    return Score(round_half_up(mean) if rounded else mean, working)


def rounded_note(*values) -> str:
    """ " (rounded for display)" when any of `values` shows rounded (a third is 0.33), so a
    sum of shown numbers that seems a hundredth out is explained; "" otherwise."""
    shown_exactly = all((Fraction(v) * 100).denominator == 1 for v in values)
    return "" if shown_exactly else " (rounded for display)"


def domain_total(outcomes: Mapping[str, Score], *, domain: int) -> Score:
    """A domain's total: the sum of its outcome scores."""
    value = sum((score.value for score in outcomes.values()), Fraction(0))
    parts = " + ".join(str(score) for score in outcomes.values())
    note = rounded_note(value, *(score.value for score in outcomes.values()))
    return Score(value, f"Domain {domain}: {parts} = {format_number(value)}{note}")


def median(values: Sequence[int]) -> Fraction:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle], 2)


def domain_1(ratings: Mapping[str, Mapping[str, int]], method: str) -> tuple[dict, Score]:
    """Domain 1 from `ratings` = {outcome code: {service: rating}}: each outcome's score (for
    the per-outcome methods) and the domain total, combined by `method`."""
    method = Method(method)
    if method is Method.MEDIAN_OF_TOTALS:
        services = sorted({service for by_service in ratings.values() for service in by_service})
        totals = {
            service: sum(check_rating(ratings[code][service]) for code in ratings)
            for service in services
        }
        value = median(list(totals.values()))
        # By their totals, lowest first: the median can be checked at a glance.
        by_total = sorted(totals.items(), key=lambda item: (item[1], item[0]))
        listed = ", ".join(f"{service} {total}" for service, total in by_total)
        working = f"Domain 1: median of the services' totals ({listed}) = {format_number(value)}"
        if value != round_half_up(value):
            working += f" → {format_number(round_half_up(value))}"
        return {}, Score(round_half_up(value), working)
    rounded = method is Method.MEAN_ROUNDED
    outcomes = {
        code: outcome_score(code, list(by_service.values()), rounded=rounded)
        for code, by_service in ratings.items()
    }
    return outcomes, domain_total(outcomes, domain=1)


def overall(domains: Sequence[Score]) -> Score:
    value = sum((score.value for score in domains), Fraction(0))
    parts = " + ".join(str(score) for score in domains)
    note = rounded_note(value, *(score.value for score in domains))
    return Score(value, f"Overall: {parts} = {format_number(value)}{note}")


def change(current: Score | None, previous: Score | None) -> str:
    """▲ ▼ or = between last year's score and this year's ("" if either is missing)."""
    if current is None or previous is None:
        return ""
    if current.value > previous.value:
        return "▲"
    return "▼" if current.value < previous.value else "="


CHANGE_WORDS = {"▲": "up from last year", "▼": "down from last year", "=": "same as last year"}
