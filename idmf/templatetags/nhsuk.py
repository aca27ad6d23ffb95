from django import forms, template
from django.utils import timezone

from idmf.forms import DateInputWidget

register = template.Library()


@register.filter
def widget_kind(bound_field) -> str:
    """Which NHS.UK component renders this field."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def input_type(bound_field) -> str:
    return getattr(bound_field.field.widget, "input_type", "text")


@register.filter
def described_by(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def nhs_date(value) -> str:
    """Dates as people write them: 28 May 2021."""
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value) if value.tzinfo else value
    return f"{value.day} {value:%B %Y}"


@register.filter
def nhs_datetime(value) -> str:
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.strftime("%I").lstrip("0") or "12"
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{value:%p}".replace("AM", "am").replace(
        "PM", "pm"
    )


@register.inclusion_tag("nhsuk/error_summary.html")
def error_summary(*forms_to_check):
    """The error summary at the top of a page, linking to each field in error."""
    items = []
    for form in forms_to_check:
        if form is None:
            continue
        for error in form.non_field_errors():
            items.append({"href": "", "text": error})
        for bound_field in form:
            # Fields made of several inputs link to their first input.
            grouped = (DateInputWidget, forms.RadioSelect, forms.CheckboxSelectMultiple)
            first_id = bound_field.auto_id
            if isinstance(bound_field.field.widget, grouped):
                first_id = f"{bound_field.auto_id}_0"
            for error in bound_field.errors:
                items.append({"href": f"#{first_id}", "text": error})
    return {"items": items}


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """Page titles start with "Error: " while any form on the page has errors."""
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return "Error: "
    return ""
