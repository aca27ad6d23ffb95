"""NHS.UK frontend's components, drawn by nhsuk-frontend-jinja's own templates, with each
drawing kept for its parameters.

A component's macro is a pure function of its parameters, and a costly one: a button costs
0.3 ms, a summary list of six rows 2.6 ms, a task list 2.8 ms (measured alone), more than the
rest of many pages. So for the components below, `templates/…` importing
"nhsuk/components/<name>/macro.jinja" gets a macro of the same name that renders the
package's own "nhsuk/components/<name>/template.jinja" through `component()`, which keeps
what it drew for each set of parameters (an LRU of DRAWINGS). Parameters holding more than
LONGEST characters of text, or a `{% call %}` block's content, are drawn each time."""

import re
from functools import lru_cache

from jinja2 import Undefined, pass_environment
from markupsafe import Markup

# nhsuk-frontend-jinja's folder of each component kept here, and its macro's name.
KEPT = {
    "back-link": "backLink",
    "breadcrumb": "breadcrumb",
    "button": "button",
    "card": "card",
    "contents-list": "contentsList",
    "details": "details",
    "error-message": "errorMessage",
    "error-summary": "errorSummary",
    "heading": "heading",
    "input": "input",
    "inset-text": "insetText",
    "notification-banner": "notificationBanner",
    "pagination": "pagination",
    "panel": "panel",
    "skip-link": "skipLink",
    "summary-list": "summaryList",
    "tag": "tag",
    "task-list": "taskList",
    "warning-callout": "warningCallout",
}
LONGEST = 4000
DRAWINGS = 2048
MACRO = re.compile(r"nhsuk/components/([a-z-]+)/macro\.jinja")


def macro_source(name: str):
    """For Jinja's FunctionLoader: the macro file of a kept component (else None)."""
    found = MACRO.fullmatch(name)
    if not found or found.group(1) not in KEPT:
        return None
    folder = found.group(1)
    source = (
        f"{{% macro {KEPT[folder]}(params = {{}}) %}}"
        f'{{{{ component("{folder}", params, caller) }}}}{{% endmacro %}}'
    )
    return source, None, lambda: True


class TooLong(Exception):
    pass


def frozen(value, budget: list[int]):
    """`value` as a key: hashable, telling markup from text; TooLong past the budget."""
    if isinstance(value, str):
        budget[0] -= len(value)
        if budget[0] < 0:
            raise TooLong
        return ("m" if isinstance(value, Markup) else "s", str(value))
    if isinstance(value, Undefined):
        return ("u",)
    if value is None or isinstance(value, (bool, int, float)):
        return ("v", value)
    if isinstance(value, dict):
        return ("d", tuple((k, frozen(v, budget)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("l", tuple(frozen(v, budget) for v in value))
    raise TooLong  # anything else is drawn each time


def thawed(env, key):
    kind = key[0]
    if kind == "m":
        return Markup(key[1])
    if kind in ("s", "v"):
        return key[1]
    if kind == "u":
        return env.undefined()
    if kind == "d":
        return {k: thawed(env, v) for k, v in key[1]}
    return [thawed(env, v) for v in key[1]]


def _template(env, folder: str):
    return env.get_template(f"nhsuk/components/{folder}/template.jinja")


@lru_cache(maxsize=DRAWINGS)
def _drawn(env, folder: str, key) -> str:
    return _template(env, folder).render(params=thawed(env, key))


@pass_environment
def component(env, folder: str, params, caller=None) -> Markup:
    if caller:  # a {% call %} block: what is inside may change, so it is drawn each time
        return Markup(_template(env, folder).render(params=params, caller=caller))
    try:
        key = frozen(params or {}, [LONGEST])
    except TooLong:
        return Markup(_template(env, folder).render(params=params))
    return Markup(_drawn(env, folder, key))
