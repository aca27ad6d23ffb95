from django import forms, template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from idmf.core import dates, records
from idmf.core.forms import DateInputWidget
from idmf.core.models import Share, person_name

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


register.filter("nhs_date", dates.nhs_date)
register.filter("duration", dates.duration)
register.filter("nhs_datetime", dates.nhs_datetime)


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


@register.inclusion_tag("components/tag.html")
def status_tag(value):
    """A status as an NHS.UK tag: `value` is anything with a `tag` (a record with a
    status, or a status enum member), so its text and colour are defined once."""
    return {"tag": value.tag}


@register.inclusion_tag("components/table_head.html")
def table_head(caption, *headings):
    """The caption and header row of a responsive table."""
    return {"caption": caption, "headings": headings}


@register.tag
def cell(parser, token):
    """{% cell "Heading" %}…{% endcell %}: one cell of a responsive table, which shows
    its column heading beside the value on a small screen."""
    try:
        _, heading = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("cell takes one argument: the column heading") from None
    nodelist = parser.parse(("endcell",))
    parser.delete_first_token()
    return CellNode(parser.compile_filter(heading), nodelist)


class CellNode(template.Node):
    def __init__(self, heading, nodelist):
        self.heading = heading
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<td role="cell" class="nhsuk-table__cell">'
            '<span class="nhsuk-table-responsive__heading" aria-hidden="true">{} </span>{}</td>',
            self.heading.resolve(context),
            mark_safe(self.nodelist.render(context)),  # already escaped by the template
        )


@register.inclusion_tag("nhsuk/error_summary.html")
def error_summary(*forms_to_check):
    """The error summary at the top of a page, linking to each field in error."""
    items = []
    for form in forms_to_check:
        if not isinstance(form, forms.BaseForm):
            continue  # a form the page does not have
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
    """Page titles start with "Error: " while any form on the page has errors, or the page
    lists problems (or says one). A form the view did not check (left blank) is not looked at.
    Pages never add it themselves."""
    values = context.flatten()
    if values.get("problems") or values.get("refused") or values.get("problem"):
        return "Error: "
    for value in values.values():
        checked = getattr(value, "_errors", None) is not None
        if isinstance(value, forms.BaseForm) and checked and value.errors:
            return "Error: "
    return ""


@register.inclusion_tag("components/working_on.html")
def working_on(record):
    """Who works on the record (its author, co-authors and readers), and the link to the
    page where its authors add colleagues: one query."""
    kind = records.kind_for(type(record))
    shares = Share.objects.filter(
        record_type=kind.content_type(), record_id=record.pk
    ).select_related("user")
    return {
        "url": reverse("record_people", args=[kind.key, record.pk]),
        "co_authors": [person_name(s.user) for s in shares if s.access == Share.Access.EDIT],
        "readers": [person_name(s.user) for s in shares if s.access == Share.Access.VIEW],
    }
