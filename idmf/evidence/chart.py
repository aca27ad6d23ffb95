"""A table's chart, drawn on the server as SVG: one line for each group, its name above it,
its value a point with whiskers to its 95% limits, and a dashed line at the whole
population's value. Names above the lines, not beside them, keep it readable when a phone
scales it down. Here are the positions; templates/evidence/chart.html draws them."""

from dataclasses import dataclass

from idmf.evidence.words import amount

LEFT = 24  # room for the first tick's figure
PLOT_WIDTH = 440
ROW_HEIGHT = 46  # a group's name, then its line
TOP = 4
AXIS_HEIGHT = 40


@dataclass(frozen=True)
class Point:
    label: str
    y: float
    x: float
    low: float
    high: float
    text: str  # the value as the page says it
    end: str  # "most deprived", "least deprived" or ""


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: float
    points: list[Point]
    ticks: list[Tick]
    reference_x: float | None
    reference_text: str


def _nice_step(span: float) -> float:
    raw = span / 4
    magnitude = 10 ** int(f"{raw:e}".split("e")[1])
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def draw(figures) -> Chart | None:
    """The chart of `figures` (None when no group has a value yet)."""
    table = figures.table
    shown = [g for g in figures.groups if g.estimate is not None]
    if not shown:
        return None
    numbers = [g.estimate.value for g in shown]
    numbers += [g.estimate.lower for g in shown if g.estimate.lower is not None]
    numbers += [g.estimate.upper for g in shown if g.estimate.upper is not None]
    if figures.overall is not None:
        numbers.append(figures.overall.value)
    low, high = min(0.0, min(numbers)), max(numbers)
    step = _nice_step((high - low) or 1.0)
    low = step * (low // step)
    high = step * -(-high // step) if high > low else low + step

    def x_of(number):
        return LEFT + (number - low) / (high - low) * PLOT_WIDTH

    ends = {}
    if table.dimension.ordered and figures.groups:
        ends = {
            figures.groups[0].row.pk: table.dimension.first_end,
            figures.groups[-1].row.pk: table.dimension.last_end,
        }
    points = []
    for n, group in enumerate(shown):
        e = group.estimate
        end = ends.get(group.row.pk, "")
        if end and end in group.row.group:  # "Quintile 1 (most deprived)" says it already
            end = ""
        points.append(
            Point(
                label=group.row.group,
                y=TOP + ROW_HEIGHT * n + 32,
                x=x_of(e.value),
                low=x_of(e.lower if e.lower is not None else e.value),
                high=x_of(e.upper if e.upper is not None else e.value),
                text=amount(table, e.value),
                end=end,
            )
        )
    axis_y = TOP + ROW_HEIGHT * len(shown) + 5
    ticks, tick = [], low
    while tick <= high + step / 1000:
        ticks.append(Tick(x_of(tick), amount(table, tick)))
        tick += step
    overall = figures.overall
    return Chart(
        width=LEFT + PLOT_WIDTH + 30,
        height=int(axis_y + AXIS_HEIGHT),
        plot_left=LEFT,
        plot_right=LEFT + PLOT_WIDTH,
        axis_y=axis_y,
        points=points,
        ticks=ticks,
        reference_x=x_of(overall.value) if overall else None,
        reference_text=f"All: {amount(table, overall.value)}" if overall else "",
    )
