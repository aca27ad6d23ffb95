"""Equity evidence as the public sees it (the public register, published PDFs): counts from 1
up to the organisation's threshold are suppressed, and so is everything that would let them be
worked back: the group's value and interval (a value times its denominator is its count), the
whole population's value, the gap or slope index that uses the group, and completeness."""

from dataclasses import dataclass

from idmf.evidence import words
from idmf.evidence.figures import Figures
from idmf.evidence.models import EvidenceTable

SUPPRESSED = "Suppressed"


def is_small(count, threshold: int) -> bool:
    return count is not None and 1 <= count <= threshold


def suppressed_rows(rows, threshold: int) -> set[int]:
    """The rows (by pk) whose numerator or denominator is a small number."""
    return {
        row.pk
        for row in rows
        if is_small(row.numerator, threshold) or is_small(row.denominator, threshold)
    }


@dataclass
class PublicRow:
    group: str
    numerator: str
    denominator: str
    value: str
    interval: str


@dataclass
class PublicTable:
    table: EvidenceTable
    rows: list[PublicRow]
    summary: str
    note: str


def public_table(figures: Figures, threshold: int) -> PublicTable:
    table = figures.table
    every = [group.row for group in figures.groups]
    if figures.not_known is not None:
        every.append(figures.not_known)
    hidden = suppressed_rows(every, threshold)
    estimates = {group.row.pk: group.estimate for group in figures.groups}
    rows = []
    for row in every:
        if row.pk in hidden:
            rows.append(PublicRow(row.group, SUPPRESSED, SUPPRESSED, SUPPRESSED, ""))
            continue
        estimate = estimates.get(row.pk)
        value = words.amount(table, estimate.value) if estimate else ""
        interval = (
            f"{words.amount(table, estimate.lower)} to {words.amount(table, estimate.upper)}"
            if estimate and estimate.lower is not None and estimate.upper is not None
            else ""
        )
        rows.append(
            PublicRow(
                row.group, words.count(row.numerator), words.count(row.denominator), value, interval
            )
        )
    ends_hidden = figures.ends and any(end.row.pk in hidden for end in figures.ends)
    summary = words.summary(figures)
    if ends_hidden:
        summary = "The gap is not shown: a group it compares has numbers too small to publish."
    elif hidden and figures.slope is not None:
        summary += " The slope index is not shown: some groups' numbers are too small to publish."
    elif figures.slope is not None:
        summary += " " + words.slope_words(figures)
    note = ""
    if hidden:
        note = (
            f"Counts from 1 to {threshold} are suppressed, with the values worked from them, "
            "so that no one can be identified."
        )
    return PublicTable(table, rows, summary, note)
