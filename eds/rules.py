"""Pure rules of an EDS 2022 report: its statuses and which may follow which, reporting
years and the publication deadline, the score card from the grades given so far, and what
stops submission. No database access here. How ratings make scores, with their working,
is `eds.scoring`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db import models

from eds.scoring import (
    Band,
    Method,
    Score,
    average,
    average_words,
    band_of,
    domain_1,
    domain_total,
    outcome_score,
    overall,
)
from idmf.core.problems import Problem
from idmf.core.status import tagged, transition_rule


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


may_become = transition_rule(Status, TRANSITIONS)


YEAR_FORMAT = "2022/23"


def reporting_year(today: date) -> str:
    """The reporting year a date falls in: April to March, written "2026/27"."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def next_year(year: str) -> str:
    start = int(year.split("/")[0]) + 1
    return f"{start}/{(start + 1) % 100:02d}"


def year_after(year: str, *, today: date) -> str:
    """The year the report that follows `year`'s is for: the next one, or, when that is
    already past (the last report is years old), the reporting year `today` falls in."""
    following, current = next_year(year), reporting_year(today)
    return max(following, current, key=lambda y: int(y.split("/")[0]))


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
    def average(self) -> Score | None:
        """The rating its outcomes average (a domain has no band: only the overall has)."""
        return average(self.total, len(self.outcomes)) if self.total else None

    @property
    def average_words(self) -> str:
        return average_words(self.average.value) if self.average else ""

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
