"""The health-equity dashboard's frame: for one organisation or a whole system, and a period,
each tool adds its panel (its figures, each linking to the filtered list behind it) through
this registry, as each tool registers its kind of record; this module reads no tool.

Charts are server-rendered SVG with a title, a text summary and a data table beneath, so they
print and read aloud."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from idmf.core.dashboard_kept import kept_panels
from idmf.core.links import address


@dataclass(frozen=True)
class Scope:
    """What the dashboard counts: some organisations (one, or a system's), and a period."""

    label: str  # "Our ICB", "Leicester, Leicestershire and Rutland (4 organisations)"
    organisation_ids: tuple[int, ...]
    start: date
    end: date
    single: int | None = None  # the organisation's id, when it is one

    def link(self, name: str, **filters) -> str:
        """The filtered list behind a figure: `name`'s list, of this organisation."""
        if self.single is not None:
            filters = {"organisation": self.single, **filters}
        query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
        return address(name) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Figure:
    label: str
    value: object
    url: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    url: str = ""
    text: str = ""  # the value as written ("24, Achieving")


@dataclass
class Chart:
    """A bar chart: its title, a one-sentence summary, and the bars (also its data table)."""

    title: str
    summary: str
    bars: list[Bar]
    unit: str = ""
    # Layout, in SVG units.
    width: int = 640
    row: int = 28
    label_width: int = 240

    @property
    def height(self) -> int:
        return self.row * max(len(self.bars), 1) + 10

    @property
    def drawn(self) -> list[dict]:
        most = max((bar.value for bar in self.bars), default=0) or 1
        room = self.width - self.label_width - 60
        return [
            {
                "bar": bar,
                "y": index * self.row + 5,
                "length": round(room * bar.value / most, 1),
                "text_x": self.label_width + round(room * bar.value / most, 1) + 6,
            }
            for index, bar in enumerate(self.bars)
        ]


@dataclass
class Panel:
    """One tool's part of the dashboard: rendered by its own template with `context`, under
    its title (reached at #`key`). Its `headline` figures open the page, above every panel:
    what a board member reads first, each linking to the list or record behind it."""

    order: int
    title: str
    template: str
    context: dict = field(default_factory=dict)
    key: str = ""
    headline: list[Figure] = field(default_factory=list)


PANELS: list[Callable[[Scope], Panel | None]] = []


def register_panel(build: Callable[[Scope], Panel | None]) -> None:
    if build not in PANELS:
        PANELS.append(build)


def panels_for(scope: Scope) -> list[Panel]:
    """Each tool's panel, in their order: kept while nothing they count has changed."""
    return sorted(kept_panels(scope, PANELS), key=lambda panel: panel.order)
