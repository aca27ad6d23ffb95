"""A table's computed figures, as its page, exports and PDFs show them: each group's value
and interval, the gap between its two ends, the slope index where it applies, completeness,
and a sentence a screen reader reads. Computed from the stored rows, never typed."""

from dataclasses import dataclass, field

from idmf.evidence import inequality, stats
from idmf.evidence.models import EvidenceTable
from idmf.evidence.stats import Estimate, NotApplicable

COMPLETENESS_WARNING = 0.10  # a share of the denominator "not known" worth a warning


@dataclass
class GroupFigure:
    row: object
    estimate: Estimate | None
    problem: str = ""


@dataclass
class Figures:
    table: EvidenceTable
    groups: list[GroupFigure]
    not_known: object | None
    overall: Estimate | None = None
    ends: tuple[GroupFigure, GroupFigure] | None = None
    gap: inequality.Gap | None = None
    slope: inequality.Slope | None = None
    slope_refused: str = ""
    completeness: float | None = None
    problems: list[str] = field(default_factory=list)
    warn_over: float = COMPLETENESS_WARNING  # the organisation's threshold, as a share

    @property
    def incomplete(self) -> bool:
        return self.completeness is not None and self.completeness > self.warn_over


def estimate_of(table, row) -> Estimate:
    """A row's estimate: the proportion, the rate or the value, with its 95% interval."""
    if table.kind == EvidenceTable.Kind.VALUE:
        if row.value is None:
            raise NotApplicable("No value is given.")
        return stats.value(row.value, se=row.se, lower=row.lower, upper=row.upper)
    if row.numerator is None or row.denominator is None:
        raise NotApplicable("A count and a denominator are both needed.")
    if table.kind == EvidenceTable.Kind.RATE:
        return stats.rate(row.numerator, row.denominator, table.per or 1000)
    return stats.proportion(row.numerator, row.denominator)


def overall_of(table, rows) -> Estimate | None:
    """The whole population's value (every group, "not known" included), for the chart's
    reference line: for counts only."""
    if table.kind == EvidenceTable.Kind.VALUE:
        return None
    counted = [r for r in rows if r.numerator is not None and r.denominator]
    if not counted:
        return None
    x = sum(r.numerator for r in counted)
    n = sum(r.denominator for r in counted)
    try:
        if table.kind == EvidenceTable.Kind.RATE:
            return stats.rate(x, n, table.per or 1000)
        return stats.proportion(x, n)
    except NotApplicable:
        return None


def compute(table: EvidenceTable, rows=None, *, warn_over=COMPLETENESS_WARNING) -> Figures:
    rows = list(table.rows.all() if rows is None else rows)
    known = [r for r in rows if not r.not_known]
    not_known = next((r for r in rows if r.not_known), None)
    groups = []
    for row in known:
        try:
            groups.append(GroupFigure(row, estimate_of(table, row)))
        except NotApplicable as refused:
            groups.append(GroupFigure(row, None, str(refused)))
    figures = Figures(
        table, groups, not_known, overall=overall_of(table, rows), warn_over=warn_over
    )
    figures.problems = [f"{g.row.group}: {g.problem}" for g in groups if g.problem]
    figures.ends = _ends(table, groups)
    if figures.ends and all(end.estimate for end in figures.ends):
        figures.gap = inequality.gap(figures.ends[0].estimate, figures.ends[1].estimate)
    if table.dimension.ordered:
        _slope(figures)
    if not_known is not None and not_known.denominator is not None:
        figures.completeness = inequality.completeness(
            sum(r.denominator or 0 for r in known), not_known.denominator
        )
    return figures


def _ends(table, groups) -> tuple[GroupFigure, GroupFigure] | None:
    if table.dimension.ordered:
        return (groups[0], groups[-1]) if len(groups) >= 2 else None
    by_name = {g.row.group: g for g in groups}
    first, second = by_name.get(table.first_group), by_name.get(table.second_group)
    return (first, second) if first and second and first is not second else None


def _slope(figures: Figures) -> None:
    if figures.problems:
        figures.slope_refused = (
            "The slope index of inequality needs a value for every group, and "
            f"{len(figures.problems)} cannot be computed."
        )
        return
    try:
        figures.slope = inequality.slope_index(
            [(g.estimate, g.row.denominator) for g in figures.groups]
        )
    except NotApplicable as refused:
        figures.slope_refused = str(refused)
