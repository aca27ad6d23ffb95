"""Pure rules of a board assurance review: the ratings, the status flow, and the scorecard's
counts and change since the previous approved review. No database access here."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import models

from idmf.core.status import tagged, transition_rule


@tagged(
    {
        "assured": "green",
        "partially_assured": "yellow",
        "not_assured": "red",
        "not_applicable": "grey",
        "not_yet_assessed": "white",
    }
)
class Rating(models.TextChoices):
    ASSURED = "assured", "Assured"
    PARTIALLY_ASSURED = "partially_assured", "Partially assured"
    NOT_ASSURED = "not_assured", "Not assured"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    NOT_YET_ASSESSED = "not_yet_assessed", "Not yet assessed"

    @property
    def rank(self) -> int | None:
        """How assured, for the change since the last review: None where it says nothing."""
        return {"assured": 2, "partially_assured": 1, "not_assured": 0}.get(self.value)


@tagged({"draft": "grey", "submitted": "blue", "approved": "green"})
class Status(models.TextChoices):
    """A review's life: returned with comments goes back to draft."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.APPROVED, Status.DRAFT},
    Status.APPROVED: set(),
}
EDITABLE_STATUSES = frozenset({Status.DRAFT})


may_become = transition_rule(Status, TRANSITIONS)


def change(current: str, previous: str | None) -> str:
    """▲ more assured than at the previous approved review, ▼ less, = the same; "" when
    either says nothing (not applicable, not yet assessed, or no previous review)."""
    if previous is None:
        return ""
    now, before = Rating(current).rank, Rating(previous).rank
    if now is None or before is None:
        return ""
    return "▲" if now > before else "▼" if now < before else "="


CHANGE_WORDS = {"▲": "more assured than last time", "▼": "less assured than last time",
                "=": "as last time"}  # fmt: skip


@dataclass(frozen=True)
class Counts:
    """How many cells of a row (a key line of enquiry) or column (a priority) have each
    rating, in the ratings' order."""

    label: str
    counts: tuple[tuple[Rating, int], ...]

    def of(self, rating: str) -> int:
        return dict(self.counts)[Rating(rating)]


def count(label: str, ratings: Sequence[str]) -> Counts:
    tally = Counter(Rating(r) for r in ratings)
    return Counts(label, tuple((rating, tally[rating]) for rating in Rating))


def scorecard_counts(
    ratings: Mapping[tuple[str, str], str], kloes: Sequence[str], priorities: Sequence[str]
) -> tuple[list[Counts], list[Counts], Counts]:
    """`ratings` maps (KLOE code, priority code) to a rating; a cell not in it is not yet
    assessed. The counts per KLOE, per priority, and for the whole review."""

    def rating(k, p):
        return ratings.get((k, p), Rating.NOT_YET_ASSESSED)

    by_kloe = [count(k, [rating(k, p) for p in priorities]) for k in kloes]
    by_priority = [count(p, [rating(k, p) for k in kloes]) for p in priorities]
    overall = count("All", [rating(k, p) for k in kloes for p in priorities])
    return by_kloe, by_priority, overall
