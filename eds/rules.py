"""Pure scoring rules of EDS 2022: ratings, how several services' Domain 1 ratings combine,
domain and overall totals, and the bands of the score card. No database access here.

Every score carries its working, so a page or a PDF can show it next to the number:
"1A: (1 + 2) ÷ 2 = 1.5 → 2".
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from django.db import models

from idmf.core.problems import Problem
from idmf.core.status import tagged


class Rating(models.IntegerChoices):
    UNDEVELOPED = 0, "Undeveloped"
    DEVELOPING = 1, "Developing"
    ACHIEVING = 2, "Achieving"
    EXCELLING = 3, "Excelling"


@tagged({"undeveloped": "red", "developing": "orange", "achieving": "green", "excelling": "blue"})
class Band(models.TextChoices):
    """The score card's bands, for the overall total and, as the template does, each domain."""

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


def domain_total(outcomes: Mapping[str, Score], *, domain: int) -> Score:
    """A domain's total: the sum of its outcome scores."""
    value = sum((score.value for score in outcomes.values()), Fraction(0))
    parts = " + ".join(str(score) for score in outcomes.values())
    return Score(value, f"Domain {domain}: {parts} = {format_number(value)}")


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
    value = sum((score.value for score in domains), Fraction(0))
    parts = " + ".join(str(score) for score in domains)
    return Score(value, f"Overall: {parts} = {format_number(value)}")


@tagged({"draft": "grey", "submitted": "blue", "authorised": "green", "published": "purple"})
class Status(models.TextChoices):
    """An EDS report's life: returned with comments goes back to draft."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    AUTHORISED = "authorised", "Authorised"
    PUBLISHED = "published", "Published"


# Which status may follow which. Returned with comments is back to draft; unpublishing
# is back to authorised. Only a draft can be edited.
TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.AUTHORISED, Status.DRAFT},
    Status.AUTHORISED: {Status.PUBLISHED},
    Status.PUBLISHED: {Status.AUTHORISED},
}
EDITABLE_STATUSES = frozenset({Status.DRAFT})
FINAL_STATUSES = frozenset({Status.AUTHORISED, Status.PUBLISHED})


def may_become(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(Status(current), set())


YEAR_FORMAT = "2022/23"


def reporting_year(today: date) -> str:
    """The reporting year a date falls in: April to March, written "2026/27"."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def next_year(year: str) -> str:
    start = int(year.split("/")[0]) + 1
    return f"{start}/{(start + 1) % 100:02d}"


def publication_deadline(year: str) -> date:
    """Reports are published by 28 February of the reporting year's second calendar year."""
    return date(int(year.split("/")[0]) + 1, 2, 28)


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


# --- the score card -------------------------------------------------------------------


@dataclass(frozen=True)
class DomainOutcomes:
    """A domain as the score card needs it: its number, title and outcome codes."""

    number: int
    title: str
    outcomes: Sequence[str]


@dataclass(frozen=True)
class OutcomeLine:
    code: str
    ratings: tuple[tuple[str, int | None], ...]  # (service, or "", rating) as given
    score: Score | None  # None until every rating it needs is given


@dataclass(frozen=True)
class DomainLine:
    number: int
    title: str
    outcomes: tuple[OutcomeLine, ...]
    total: Score | None  # None until every outcome is rated
    so_far: Score  # the outcomes rated so far, while the total is incomplete
    unrated: tuple[str, ...]

    @property
    def band(self) -> Band | None:
        return band_of(self.total.value) if self.total else None

    @property
    def outcomes_codes(self) -> tuple[str, ...]:
        return tuple(line.code for line in self.outcomes)


@dataclass(frozen=True)
class ScoreCard:
    domains: tuple[DomainLine, ...]
    method: Method
    per_service: bool

    @property
    def overall(self) -> Score | None:
        if any(domain.total is None for domain in self.domains):
            return None
        return overall([domain.total for domain in self.domains])

    @property
    def band(self) -> Band | None:
        return band_of(self.overall.value) if self.overall else None

    @property
    def so_far(self) -> Score:
        return overall([domain.total or domain.so_far for domain in self.domains])

    def outcome(self, code: str) -> OutcomeLine | None:
        return next((o for d in self.domains for o in d.outcomes if o.code == code), None)


def _so_far(domain: DomainOutcomes, scores: Mapping[str, Score], unrated: Sequence[str]) -> Score:
    """The outcomes scored so far (none, for the median method, until all are rated)."""
    number, count = domain.number, len(domain.outcomes)
    total = domain_total(scores, domain=number) if scores else Score(Fraction(0), "")
    rated = f"{count - len(unrated)} of {count} outcomes rated"
    working = f"{total.working} so far ({rated})" if scores else f"Domain {number}: {rated}"
    return Score(total.value, working)


def _domain_1(domain, grades, services, per_service, method) -> DomainLine:
    columns = list(services) if per_service else [""]
    given = {(g.outcome, g.service): g.rating for g in grades}
    ratings = {code: {s: given.get((code, s)) for s in columns} for code in domain.outcomes}
    complete = {
        code: by_service
        for code, by_service in ratings.items()
        if columns and all(r is not None for r in by_service.values())
    }
    unrated = tuple(code for code in domain.outcomes if code not in complete)
    combine = Method(method) if per_service else Method.MEAN_ROUNDED
    scores, total = {}, None
    if combine is Method.MEDIAN_OF_TOTALS:
        if not unrated:
            _, total = domain_1(ratings, combine)
    else:
        scores, total = domain_1(complete, combine) if complete else ({}, None)
        total = total if not unrated else None
    lines = tuple(
        OutcomeLine(code, tuple(ratings[code].items()), scores.get(code))
        for code in domain.outcomes
    )
    return DomainLine(
        domain.number, domain.title, lines, total, _so_far(domain, scores, unrated), unrated
    )


def _single_domain(domain, grades) -> DomainLine:
    given = {g.outcome: g.rating for g in grades if not g.service}
    scores = {
        code: outcome_score(code, [given[code]], rounded=True)
        for code in domain.outcomes
        if given.get(code) is not None
    }
    unrated = tuple(code for code in domain.outcomes if code not in scores)
    lines = tuple(
        OutcomeLine(code, (("", given.get(code)),), scores.get(code)) for code in domain.outcomes
    )
    total = domain_total(scores, domain=domain.number) if not unrated else None
    so_far = _so_far(domain, scores, unrated)
    return DomainLine(domain.number, domain.title, lines, total, so_far, unrated)


def score_card(
    domains: Sequence[DomainOutcomes],
    grades: Sequence[Grade],
    *,
    services: Sequence[str],
    per_service: bool,
    method: str,
) -> ScoreCard:
    """Every outcome's score, each domain's total and the overall total, each with its
    working, from the grades given so far. Domain 1 is rated for each of `services` (by
    name) when `per_service`, else once across them (grades with service "")."""
    lines = tuple(
        _domain_1(domain, grades, services, per_service, method)
        if domain.number == 1
        else _single_domain(domain, grades)
        for domain in domains
    )
    return ScoreCard(lines, Method(method), per_service)


def change(current: Score | None, previous: Score | None) -> str:
    """▲ ▼ or = between last year's score and this year's ("" if either is missing)."""
    if current is None or previous is None:
        return ""
    if current.value > previous.value:
        return "▲"
    return "▼" if current.value < previous.value else "="


CHANGE_WORDS = {"▲": "up from last year", "▼": "down from last year", "=": "same as last year"}


def submission_problems(
    card: ScoreCard, grades: Sequence[Grade], services: Sequence[tuple[str, bool]]
) -> list[Problem]:
    """Everything that stops an EDS report being submitted, in the template's order. Each
    problem's `field` names the page that fixes it: "services" or "domain-1" … "domain-3"."""
    problems = [Problem(text, "services") for text in services_problems(services)]
    chosen = {name for name, _ in services}
    for domain in card.domains:
        page = f"domain-{domain.number}"
        counted = [
            g
            for g in grades
            if g.outcome in domain.outcomes_codes
            and (g.service in chosen if domain.number == 1 and card.per_service else not g.service)
        ]
        for line in domain.outcomes:
            missing = [service for service, rating in line.ratings if rating is None]
            if domain.number == 1 and card.per_service and not chosen:
                continue  # "choose the services" says it
            for service in missing:
                where = f" for {service}" if service else ""
                problems.append(Problem(f"Rate outcome {line.code}{where}", page))
            for grade in counted:
                if grade.outcome == line.code and grade.rating and not grade.evidence.strip():
                    where = f" for {grade.service}" if grade.service else ""
                    problems.append(
                        Problem(f"Give the evidence for outcome {line.code}{where}", page)
                    )
    return problems


REMINDER_LEAD = 31  # days before the publication deadline that organisations are reminded


def reminder_due(year: str, *, today: date) -> bool:
    """Whether `today` falls in the month before the year's publication deadline (up to and
    including the deadline): when organisations that have not published are reminded."""
    deadline = publication_deadline(year)
    return 0 <= (deadline - today).days <= REMINDER_LEAD
