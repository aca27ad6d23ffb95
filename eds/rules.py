"""Pure scoring rules of EDS 2022: ratings, how several services' Domain 1 ratings combine,
domain and overall totals, and the bands of the score card. No database access here.

Every score carries its working, so a page or a PDF can show it next to the number:
"1A: (1 + 2) ÷ 2 = 1.5 → 2".
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db import models

from idmf.core.status import Tag


class Rating(models.IntegerChoices):
    UNDEVELOPED = 0, "Undeveloped"
    DEVELOPING = 1, "Developing"
    ACHIEVING = 2, "Achieving"
    EXCELLING = 3, "Excelling"


class Band(models.TextChoices):
    """The score card's bands, for the overall total and, as the template does, each domain."""

    UNDEVELOPED = "undeveloped", "Undeveloped"
    DEVELOPING = "developing", "Developing"
    ACHIEVING = "achieving", "Achieving"
    EXCELLING = "excelling", "Excelling"

    @property
    def tag(self) -> Tag:
        colours = {
            "undeveloped": "red",
            "developing": "orange",
            "achieving": "green",
            "excelling": "blue",
        }
        return Tag(self.label, colours[self.value])


# The score card, in the template's words: under 8 Undeveloped, 8 to 21 Developing,
# 22 to 32 Achieving, 33 Excelling. (lowest total of the band, band)
BANDS = [(Decimal(33), Band.EXCELLING), (Decimal(22), Band.ACHIEVING),
         (Decimal(8), Band.DEVELOPING), (Decimal(0), Band.UNDEVELOPED)]  # fmt: skip
BAND_KEY = "Under 8 Undeveloped · 8–21 Developing · 22–32 Achieving · 33 Excelling"


class Method(models.TextChoices):
    """How the Domain 1 ratings of several services make one score; chosen per report."""

    MEAN_ROUNDED = "mean_rounded", "Mean of the services' ratings for each outcome, rounded half up"
    MEDIAN_OF_TOTALS = "median_totals", "Median of each service's Domain 1 total"
    MEAN_UNROUNDED = "mean", "Mean of the services' ratings for each outcome, not rounded"


@dataclass(frozen=True)
class Score:
    """A number and how it was reached."""

    value: Decimal
    working: str

    def __str__(self):
        return format_number(self.value)


def format_number(value: Decimal) -> str:
    """17, 7.5, 1.33: no trailing zeros."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize()}"


def round_half_up(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def check_rating(value) -> int:
    """A rating is 0, 1, 2 or 3; anything else is refused with the reason."""
    if value not in Rating.values:
        raise ValueError(f"A rating is 0 (Undeveloped) to 3 (Excelling), not {value!r}")
    return int(value)


def band_of(total: Decimal) -> Band:
    return next(band for lowest, band in BANDS if Decimal(total) >= lowest)


def outcome_score(code: str, ratings: Sequence[int], *, rounded: bool) -> Score:
    """One outcome's score from one or more services' ratings (a mean)."""
    ratings = [check_rating(r) for r in ratings]
    if not ratings:
        raise ValueError(f"{code} has no rating")
    if len(ratings) == 1:
        return Score(Decimal(ratings[0]), f"{code}: {ratings[0]}")
    mean = Decimal(sum(ratings)) / len(ratings)
    working = f"{code}: ({' + '.join(map(str, ratings))}) ÷ {len(ratings)} = {format_number(mean)}"
    if rounded and mean != round_half_up(mean):
        return Score(round_half_up(mean), f"{working} → {format_number(round_half_up(mean))}")
    return Score(round_half_up(mean) if rounded else mean, working)


def domain_total(outcomes: Mapping[str, Score], *, domain: int) -> Score:
    """A domain's total: the sum of its outcome scores."""
    value = sum((score.value for score in outcomes.values()), Decimal(0))
    parts = " + ".join(str(score) for score in outcomes.values())
    return Score(value, f"Domain {domain}: {parts} = {format_number(value)}")


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
        value = Decimal(str(median(totals.values())))
        listed = ", ".join(f"{service} {total}" for service, total in totals.items())
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
    value = sum((score.value for score in domains), Decimal(0))
    parts = " + ".join(str(score) for score in domains)
    return Score(value, f"Overall: {parts} = {format_number(value)}")


class Status(models.TextChoices):
    """An EDS report's life: returned with comments goes back to draft."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    AUTHORISED = "authorised", "Authorised"
    PUBLISHED = "published", "Published"

    @property
    def tag(self) -> Tag:
        colours = {
            "draft": "grey",
            "submitted": "blue",
            "authorised": "green",
            "published": "purple",
        }
        return Tag(self.label, colours[self.value])


YEAR_FORMAT = "2022/23"


def year_problem(year: str) -> str | None:
    """A reporting year is written "2022/23": a year and the next one's last two digits."""
    parts = year.strip().split("/")
    if (
        len(parts) == 2
        and parts[0].isdigit()
        and len(parts[0]) == 4
        and parts[1].isdigit()
        and len(parts[1]) == 2
        and (int(parts[0]) + 1) % 100 == int(parts[1])
        and 2000 <= int(parts[0]) <= 2100
    ):
        return None
    return f"Enter the reporting year as a year and the next, for example {YEAR_FORMAT}"


@dataclass(frozen=True)
class Grade:
    """One outcome's grade, for one service (Domain 1 by service) or for all (`service` "")."""

    outcome: str
    rating: int | None
    evidence: str = ""
    service: str = ""


def services_problems(services: Sequence[tuple[str, bool]]) -> list[str]:
    """(service name, aligned to a Core20PLUS5 area) for each service chosen for Domain 1:
    at least two, one of them Core20PLUS5-aligned, as the 2022/23 template required."""
    problems = []
    if len(services) < 2:
        problems.append("Choose at least two services for Domain 1")
    if not any(aligned for _, aligned in services):
        problems.append("Choose at least one service aligned to a Core20PLUS5 clinical area")
    return problems


def submission_problems(
    outcomes: Sequence[str], grades: Sequence[Grade], services: Sequence[tuple[str, bool]]
) -> list[str]:
    """Everything that stops an EDS report being submitted, in the template's order."""
    problems = services_problems(services)
    graded = {}
    for grade in grades:
        graded.setdefault(grade.outcome, []).append(grade)
    for code in outcomes:
        given = graded.get(code, [])
        if not given or any(g.rating is None for g in given):
            problems.append(f"Rate outcome {code}")
        for grade in given:
            if grade.rating and not grade.evidence.strip():
                where = f" for {grade.service}" if grade.service else ""
                problems.append(f"Give the evidence for outcome {code}{where}")
    return problems
