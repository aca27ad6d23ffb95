"""Whether a gap is closing: each period of an indicator with its figures, and how its gap
(and slope index) moved from one period to the next and from the first (the baseline) to the
latest. The verdict is computed from the intervals, never chosen."""

from collections import defaultdict
from dataclasses import dataclass

from idmf.evidence import figures as computing
from idmf.evidence import inequality, words


@dataclass
class Movement:
    gap: inequality.Change | None
    slope: inequality.Change | None
    said: str


@dataclass
class Period:
    table: object
    figures: computing.Figures
    since_previous: Movement | None = None


def movement(before: computing.Figures, after: computing.Figures) -> Movement:
    gap = slope = None
    if before.gap and after.gap and before.gap.se is not None and after.gap.se is not None:
        gap = inequality.change(
            before.gap.difference, before.gap.se, after.gap.difference, after.gap.se
        )
    if before.slope and after.slope and None not in (before.slope.se, after.slope.se):
        slope = inequality.change(
            before.slope.sii, before.slope.se, after.slope.sii, after.slope.se
        )
    return Movement(gap, slope, said(after.table, gap, slope))


def said(table, gap, slope) -> str:
    """ "The gap narrowed from 10.0 to 4.1 percentage points (SII 12.5 → 5.0)", or why not."""
    if gap is None:
        return "The change cannot be computed until both periods have figures for both ends."
    sizes = f"{words.difference(table, gap.baseline)} to {words.difference(table, gap.now)}"
    if gap.verdict == "no change beyond chance":
        sentence = f"No change beyond chance in the gap ({sizes})"
    else:
        sentence = f"The gap {gap.verdict} from {sizes}"
    if slope is not None:
        sentence += f" (SII {_signed(table, slope.baseline)} → {_signed(table, slope.now)})"
    return sentence + "."


def _signed(table, number: float) -> str:
    return ("−" if number < 0 else "") + words.difference(table, number)


def periods_of(table, *, warn_over=computing.COMPLETENESS_WARNING) -> list[Period]:
    """Every period of `table`'s indicator, earliest first, each with its movement since
    the one before. Two queries, however many periods."""
    shown = []
    for each in table.periods():
        figures = computing.compute(each, each.rows.all(), warn_over=warn_over)
        moved = movement(shown[-1].figures, figures) if shown else None
        shown.append(Period(each, figures, moved))
    return shown


def by_indicator(tables) -> dict[int, list]:
    """`tables` (earliest first) grouped by the indicator they measure: its first period's id."""
    grouped = defaultdict(list)
    for table in tables:
        grouped[table.first_period_id].append(table)
    return grouped


def baseline_to_now(periods: list[Period]) -> Movement | None:
    if len(periods) < 2:
        return None
    return movement(periods[0].figures, periods[-1].figures)
