"""Equity evidence in words: values in the indicator's unit, and the one-sentence summary of
a table that its page, its chart's description and its exports share."""

from idmf.evidence.models import EvidenceTable


def amount(table, number: float | None) -> str:
    """A value as the page shows it: 29.0%, 12.3 per 1,000, 78.2 years."""
    if number is None:
        return "not computed"
    if table.kind == EvidenceTable.Kind.PROPORTION:
        return f"{number * 100:.1f}%"
    if table.kind == EvidenceTable.Kind.RATE:
        return f"{number:,.1f} {table.get_per_display() or 'per 1,000'}"
    return f"{number:,.1f}{' ' + table.unit if table.unit else ''}"


def difference(table, number: float) -> str:
    """The size of a difference: 10.0 percentage points, 4.2 per 1,000, 3.1 years."""
    size = abs(number)
    if table.kind == EvidenceTable.Kind.PROPORTION:
        return f"{size * 100:.1f} percentage points"
    if table.kind == EvidenceTable.Kind.RATE:
        return f"{size:,.1f} {table.get_per_display() or 'per 1,000'}"
    return f"{size:,.1f}{' ' + table.unit if table.unit else ''}"


def with_interval(table, estimate) -> str:
    if estimate.lower is None or estimate.upper is None:
        return amount(table, estimate.value)
    return (
        f"{amount(table, estimate.value)}, 95% CI {amount(table, estimate.lower)} to "
        f"{amount(table, estimate.upper)}"
    )


def summary(figures) -> str:
    """One sentence: the gap between the two ends, each with its interval, and whether the
    intervals overlap; or why there is no gap to state."""
    table = figures.table
    if figures.gap is None:
        if table.dimension.ordered or (table.first_group and table.second_group):
            return "The gap cannot be computed until both groups have figures."
        return "Choose the two groups to compare to see the gap between them."
    first, second = figures.ends
    if figures.gap.difference == 0:
        direction = "The same"
        said = f"{direction} in {first.row.group}"
    else:
        direction = "lower" if figures.gap.difference < 0 else "higher"
        said = f"{difference(table, figures.gap.difference)} {direction} in {first.row.group}"
    sentence = (
        f"{said} ({with_interval(table, first.estimate)}) than in {second.row.group} "
        f"({with_interval(table, second.estimate)})"
    )
    if figures.gap.intervals_overlap is None:
        return sentence + "."
    overlap = "overlap" if figures.gap.intervals_overlap else "do not overlap"
    return f"{sentence}; the intervals {overlap}."


def slope_words(figures) -> str:
    """The slope index in words, or why it does not apply."""
    if figures.slope is None:
        return figures.slope_refused
    table, slope = figures.table, figures.slope
    ends = f"from the {table.dimension.first_end} end to the {table.dimension.last_end} end"
    rii = f"; relative index {slope.rii:.2f}" if slope.rii is not None else ""
    sign = "−" if slope.sii < 0 else ""
    return f"Slope index of inequality {sign}{difference(table, slope.sii)} {ends}{rii}."


def count(number) -> str:
    """A count as the page shows it: 1,000; "Not given" for a blank."""
    return "Not given" if number is None else f"{number:,}"


def share(fraction: float | None) -> str:
    """A share of a whole, as a percentage to one decimal place: 1.2%."""
    return "" if fraction is None else f"{fraction * 100:.1f}%"
