"""The dashboard's bar charts (templates/components/chart.html), drawn once for each set of
figures and kept: a chart is its title, summary, bars and layout, and the same chart draws
the same SVG and data table. Four charts a dashboard cost about a tenth of the page to draw
(NHS.UK frontend's details macro and a row a bar); the figures change only when records do."""

from collections import OrderedDict

from jinja2 import pass_context
from markupsafe import Markup

KEPT = 256  # drawings kept a process, the least used forgotten first
_drawings: OrderedDict[str, str] = OrderedDict()


@pass_context
def chart(context, chart) -> Markup:
    """`chart` (idmf.core.dashboard.Chart) drawn, or as it was last drawn."""
    key = repr(chart)  # every field of the chart and of its bars, as they are now
    html = _drawings.get(key)
    if html is None:
        html = context.environment.get_template("components/chart.html").render(chart=chart)
        _drawings[key] = html
        while len(_drawings) > KEPT:
            _drawings.popitem(last=False)
    else:
        _drawings.move_to_end(key, last=True)
    return Markup(html)
