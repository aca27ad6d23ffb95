"""What pages call besides NHS.UK frontend's macros: small Python helpers, each escaping what
it is given (Jinja's autoescape does the rest). The Jinja environment (idmf/templating.py)
makes them globals and filters."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from jinja2 import pass_context, pass_environment
from markupsafe import Markup, escape

from idmf.core import records
from idmf.core.forms import DateInputWidget
from idmf.core.models import Share, person_name
from idmf.core.permissions import shares_of

# Fields made of several inputs: the error summary links to their first input.
GROUPED_WIDGETS = (DateInputWidget, forms.RadioSelect, forms.CheckboxSelectMultiple)


def error_items(*forms_to_check) -> list[dict]:
    """Each error of the forms, as the error summary lists it: its words and a link to its
    field. Anything that is not a form (one the page does not have) is passed over."""
    items = []
    for form in forms_to_check:
        if not isinstance(form, forms.BaseForm):
            continue
        items.extend({"href": "", "text": error} for error in form.non_field_errors())
        for bound_field in form:
            first_id = bound_field.auto_id
            if isinstance(bound_field.field.widget, GROUPED_WIDGETS):
                first_id = f"{bound_field.auto_id}_0"
            items.extend({"href": f"#{first_id}", "text": e} for e in bound_field.errors)
    return items


@pass_environment
def error_list(env, items) -> str:
    """NHS.UK frontend's error summary of `items` ({"href", "text"} each, or plain words),
    or nothing when there are none."""
    if not items:
        return ""
    items = [i if isinstance(i, dict) else {"href": "", "text": i} for i in items]
    macros = env.get_template("nhsuk/components/error-summary/macro.jinja").module
    return macros.errorSummary({"titleText": "There is a problem", "errorList": items})


@pass_environment
def error_summary(env, *forms_to_check) -> str:
    """The error summary at the top of a page, linking to each field in error."""
    return error_list(env, error_items(*forms_to_check))


@pass_context
def error_title_prefix(context) -> str:
    """Page titles start with "Error: " while any form on the page has errors, or the page
    lists problems (or says one). A form the view did not check (left blank) is not looked
    at. Pages never add it themselves."""
    values = context.get_all()
    if values.get("problems") or values.get("refused") or values.get("problem"):
        return "Error: "
    for value in values.values():
        checked = getattr(value, "_errors", None) is not None
        if isinstance(value, forms.BaseForm) and checked and value.errors:
            return "Error: "
    return ""


def status_tag(value) -> str:
    """A status as an NHS.UK tag: `value` is anything with a `tag` (a record with a status,
    or a status enum member), so its words and colour are defined once. Written here, not
    through the tag macro, because it sits in every row of a list."""
    tag = value.tag
    if not tag.colour:
        return format_html("{}", tag.text)
    if tag.colour == "secondary":
        return format_html('<span class="nhsuk-u-secondary-text-colour">{}</span>', tag.text)
    return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', tag.colour, tag.text)


def table_head(caption, *headings) -> str:
    """The caption (read aloud, not shown) and header row of a responsive table."""
    heading = '<th role="columnheader" scope="col">{}</th>'
    cells = format_html_join("", heading, ((h,) for h in headings))
    return format_html(
        '<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{}</caption>'
        '<thead class="nhsuk-table__head" role="rowgroup"><tr role="row">{}</tr></thead>',
        caption,
        cells,
    )


@pass_environment
def working_on(env, record) -> str:
    """Who works on the record (its author, co-authors and readers), and the link to the
    page where its authors add colleagues: the shares the permission checks read, or one
    query."""
    kind = records.kind_for(type(record))
    shares = shares_of(record)
    page = env.get_template("components/working_on.html")
    return Markup(
        page.render(
            url=reverse("record_people", args=[kind.key, record.pk]),
            co_authors=[person_name(s.user) for s in shares if s.access == Share.Access.EDIT],
            readers=[person_name(s.user) for s in shares if s.access == Share.Access.VIEW],
        )
    )


def typed(text) -> Markup:
    """Text a person typed, for a component that re-indents what it wraps (NHS.UK frontend's
    macros trim and indent their `html`): escaped, its line breaks written as character
    references, so `white-space: pre-wrap` shows it exactly as typed."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return Markup(str(escape(text)).replace("\n", "&#10;"))
