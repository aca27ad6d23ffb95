"""The dashboard's charts are drawn once for each set of figures and kept (idmf/charts.py): a
kept drawing is the template's own markup, a changed figure is drawn again, and a label is
text, never markup."""

from django.template import engines

from idmf import charts
from idmf.core.dashboard import Bar, Chart


def drawn(chart: Chart) -> str:
    return engines["jinja2"].from_string("{{ draw_chart(chart) }}").render({"chart": chart})


def fresh(chart: Chart) -> str:
    return engines["jinja2"].env.get_template("components/chart.html").render(chart=chart)


def a_chart(value: int, label: str = "Not yet assessed") -> Chart:
    return Chart(
        title="Reviews by rating",
        summary=f"{value} cells not yet assessed.",
        bars=[Bar(label, value, url="/board/?rating=none"), Bar("Assured", 2)],
    )


def test_a_kept_drawing_is_the_templates_own():
    chart = a_chart(5)
    first, again = drawn(chart), drawn(a_chart(5))
    assert first == again == fresh(chart)
    assert '<a href="/board/?rating=none">5</a>' in first


def test_a_changed_figure_is_drawn_again():
    drawn(a_chart(5))
    changed = drawn(a_chart(6))
    assert '<a href="/board/?rating=none">6</a>' in changed and "6 cells" in changed
    assert '<a href="/board/?rating=none">5</a>' not in changed


def test_a_label_is_text_never_markup():
    page = drawn(a_chart(1, label="<b>Bold</b> & co"))
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page and "<b>Bold</b>" not in page


def test_a_whole_number_and_its_decimal_are_drawn_as_given():
    whole = Chart(title="Rated", summary="", bars=[Bar("Assured", 1)])
    decimal = Chart(title="Rated", summary="", bars=[Bar("Assured", 1.0)])
    assert ">1<" in drawn(whole) and ">1.0<" in drawn(decimal)


def test_no_more_than_kept_drawings_are_kept():
    for value in range(charts.KEPT + 20):
        drawn(a_chart(value))
    assert charts._drawn.cache_info().currsize == charts.KEPT
