"""NHS.UK frontend's components are drawn by nhsuk-frontend-jinja's own templates, and each
drawing is kept for its parameters (idmf/components.py): the same markup as the package's
macro, text never confused with markup, and what a {% call %} block holds never kept."""

from django.template import engines
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from idmf import components
from tests.html import squashed


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def the_packages_own(source: str, **context) -> str:
    env = Environment(
        loader=PackageLoader("nhsuk_frontend_jinja", "templates"),
        autoescape=True,
        undefined=engines["jinja2"].env.undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(source).render(context)


BUTTON = '{% from "nhsuk/components/button/macro.jinja" import button %}{{ button(params) }}'
SUMMARY = (
    '{% from "nhsuk/components/summary-list/macro.jinja" import summaryList %}'
    "{{ summaryList(params) }}"
)


def test_a_kept_drawing_is_the_packages_own_markup():
    rows = [{"key": {"text": "Title"}, "value": {"text": "Clinic move"}}]
    for source, params in [
        (BUTTON, {"text": "Save and continue", "classes": "nhsuk-button--secondary"}),
        (SUMMARY, {"rows": rows}),
    ]:
        ours = render(source, params=params)
        assert render(source, params=params) == ours  # the second drawing, kept
        assert squashed(ours) == squashed(the_packages_own(source, params=params))


def test_text_is_escaped_and_markup_is_not_whichever_was_drawn_first():
    words = "<b>Save</b>"
    as_markup = render(BUTTON, params={"text": Markup(words)})
    as_text = render(BUTTON, params={"text": words})
    assert "<b>Save</b>" in as_markup
    assert "<b>Save</b>" not in as_text and "&lt;b&gt;Save&lt;/b&gt;" in as_text


def test_what_a_call_block_holds_is_drawn_every_time():
    source = (
        '{% from "nhsuk/components/inset-text/macro.jinja" import insetText %}'
        "{% call insetText({}) %}{{ words }}{% endcall %}"
    )
    assert "First" in render(source, words="First")
    assert "Second" in render(source, words="Second")


def test_long_parameters_are_drawn_each_time_not_kept():
    before = components._drawn.cache_info().currsize
    long = "x" * (components.LONGEST + 1)
    assert long in render(BUTTON, params={"text": long})
    assert components._drawn.cache_info().currsize == before
