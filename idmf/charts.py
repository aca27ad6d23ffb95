"""The dashboard's bar charts (templates/components/chart.html), drawn once for each set of
figures and kept, as NHS.UK frontend's components are (idmf/components.py): a chart is its
title, summary, bars and layout, and the same chart draws the same SVG and data table. Four
charts a dashboard cost about a tenth of the page to draw (NHS.UK frontend's details macro
and a row a bar); the figures change only when records do."""

from functools import lru_cache

from jinja2 import pass_environment
from markupsafe import Markup

KEPT = 256  # drawings kept a process, the least used forgotten first


class Figures:
    """A chart as a key: the same when every field of it and of its bars reads the same (so
    1 and 1.0, drawn differently, are different keys)."""

    def __init__(self, chart):
        self.chart = chart
        self.key = repr(chart)

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return isinstance(other, Figures) and self.key == other.key


@lru_cache(maxsize=KEPT)
def _drawn(env, figures: Figures) -> str:
    return env.get_template("components/chart.html").render(chart=figures.chart)


@pass_environment
def chart(env, chart) -> Markup:
    """`chart` (idmf.core.dashboard.Chart) drawn, or as it was last drawn."""
    return Markup(_drawn(env, Figures(chart)))
