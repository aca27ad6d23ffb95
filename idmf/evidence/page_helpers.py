"""What pages that cite one group's figures from an equity evidence table call."""

from idmf.evidence import words
from idmf.evidence.figures import estimate_of
from idmf.evidence.stats import NotApplicable


def row_in_words(row) -> str:
    """A group's figures as a sentence: "Quintile 1 (most deprived): 29.0%, 95% CI 26.3% to
    31.9%" (or why there is no value yet)."""
    table = row.table
    try:
        said = words.with_interval(table, estimate_of(table, row))
    except NotApplicable as refused:
        said = str(refused)
    illustrative = " (illustrative figures)" if table.illustrative else ""
    return f"{row.group}: {said}{illustrative}"
