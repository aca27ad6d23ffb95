"""Filters for the crispy-forms template pack (templates/django/nhsuk/): which NHS.UK
component renders a field, and its attributes. Pages are Jinja2 (idmf/templating.py)."""

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from idmf.core.forms import DateInputWidget

register = template.Library()


# Which NHS.UK component renders each kind of widget, most specific first
# (CheckboxSelectMultiple is a subclass of RadioSelect).
WIDGET_KINDS = [
    (DateInputWidget, "date"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
    (forms.HiddenInput, "hidden"),
]


@register.filter
def widget_kind(bound_field) -> str:
    """Which NHS.UK component renders this field."""
    widget = bound_field.field.widget
    return next((kind for cls, kind in WIDGET_KINDS if isinstance(widget, cls)), "input")


@register.filter
def input_type(bound_field) -> str:
    return getattr(bound_field.field.widget, "input_type", "text")


@register.filter
def optional_as(bound_field) -> str:
    """How an optional field says so: "label" (" (optional)" after its label), or "hint"
    ("Optional" in its hint) where the label is a question or official wording ending in
    "?" or ":", which is never added to; "" for a field that is not optional."""
    field = bound_field.field
    if field.required or field.widget.attrs.get("needed_to_submit"):
        return ""
    if getattr(bound_field.form, "hide_optional_labels", False):
        return ""
    return "hint" if str(bound_field.label).rstrip().endswith(("?", ":")) else "label"


@register.filter
def described_by(bound_field) -> str:
    ids = []
    if bound_field.help_text or optional_as(bound_field) == "hint":
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def select_options(bound_field):
    """A select's <option>s, written here rather than a widget template an option (a list
    of a system's people is hundreds of renders). A model choice reads its queryset once,
    without the server-side cursor Django's choice iterator would open."""
    field = bound_field.field
    value = bound_field.value()
    values = value if isinstance(value, (list, tuple)) else [value]
    chosen = {"" if v is None else str(field.prepare_value(v)) for v in values}
    if isinstance(field, forms.ModelChoiceField):
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        choices = empty + [
            (field.prepare_value(o), field.label_from_instance(o)) for o in field.queryset
        ]
    else:
        choices = field.choices
    return mark_safe("".join(_options(choices, chosen)))


def _options(choices, chosen):
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # a group of options
            inner = mark_safe("".join(_options(label, chosen)))
            yield format_html('<optgroup label="{}">{}</optgroup>', value, inner)
            continue
        value = "" if value is None else str(value)
        selected = mark_safe(" selected") if value in chosen else ""
        yield format_html('<option value="{}"{}>{}</option>', value, selected, label)
