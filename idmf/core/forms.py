"""Form fields and widgets that render as NHS.UK components through the crispy pack."""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from idmf.core.models import Organisation, Service
from idmf.core.permissions import organisations_for
from idmf.core.text import printable

QUESTION_WORDS = ("what ", "who ", "how ", "when ", "why ", "which ", "your ")


def required_message(field: forms.Field) -> str:
    """ "Enter the due date", "Choose the organisation", "Say what is being decided": the
    message for a required field left empty names the field, never "This field is required"."""
    label = str(field.label or "").strip()
    if label.endswith("?"):
        return f"Select an answer: {label}"
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    choosing = isinstance(field.widget, forms.RadioSelect | forms.Select | forms.CheckboxInput)
    verb = "Choose" if choosing else "Enter"
    if label.startswith(QUESTION_WORDS):
        return f"{'Choose' if choosing else 'Say'} {label}"
    return f"{verb} the {label}"


def without_control_characters(field: forms.CharField) -> None:
    """The field drops control characters from what is typed (tabs and line breaks too,
    unless it is long text)."""
    multiline = isinstance(field.widget, forms.Textarea)
    read = field.to_python
    field.to_python = lambda value: printable(read(value), multiline=multiline)


class NamedErrors:
    """Fills in, for each required field without its own message, one that names it; every
    text field drops control characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            if field.error_messages.get("required") == default:
                field.error_messages["required"] = required_message(field)
            if isinstance(field, forms.CharField):
                without_control_characters(field)


class Form(NamedErrors, forms.Form):
    pass


class ModelForm(NamedErrors, forms.ModelForm):
    pass


class DateInputWidget(forms.MultiWidget):
    """The NHS.UK date input: day, month and year boxes."""

    template_name = "nhsuk/widgets/date_input.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        widgets = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in self.parts]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    widget = DateInputWidget
    default_error_messages = {
        "invalid": "Enter a real date, for example 28 5 2021",
        "incomplete": "Enter a day, month and year",
    }

    def __init__(self, **kwargs):
        fields = [forms.CharField(), forms.CharField(), forms.CharField()]
        super().__init__(fields, require_all_fields=False, **kwargs)
        if self.label:  # name the date: "Due date must be a real date, …"
            self.error_messages["invalid"] = (
                f"{self.label} must be a real date, for example 28 5 2021"
            )
            self.error_messages["incomplete"] = f"{self.label} must include a day, month and year"
            for part in self.fields:
                part.error_messages["incomplete"] = self.error_messages["incomplete"]

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        if not all(data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(str(part).strip()) for part in data_list)
            if year < 1900 or year > 2200:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class YesNoField(forms.TypedChoiceField):
    """A required Yes/No question as NHS.UK inline radios, stored as 'yes' or 'no'."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("yes", "Yes"), ("no", "No")])
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inline", True)


def needed_to_submit(field: forms.Field) -> forms.Field:
    """Optional when saving a draft but required to submit: no "(optional)" in its label."""
    field.widget.attrs["needed_to_submit"] = True
    return field


def long_text_field(**kwargs) -> forms.CharField:
    """Free text with the site-wide length cap, shown with a character count."""
    kwargs.setdefault("max_length", settings.LONG_TEXT_MAX_LENGTH)
    kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
    return forms.CharField(**kwargs)


MAX_ID = 2**63 - 1  # the largest id a database column holds


def is_id(value) -> bool:
    """Whether `value` (from a request) can be a record's id at all."""
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one record by id: anything that cannot be an id is an invalid choice
    before it reaches the database (where a huge number would be an error, not a 404)."""

    def to_python(self, value):
        if value not in self.empty_values and not is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several records by id, each checked as `IdChoiceField` checks one."""

    def _check_values(self, value):
        for item in value:
            if not is_id(item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


def is_blank(form: forms.BaseForm) -> bool:
    """Nothing typed into any of the form's visible fields: each is empty or still holds
    what the page offered (a radio that starts ticked is not something typed)."""
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        values = value if isinstance(value, list | tuple) else [value]
        if not any(str(part).strip() for part in values if part is not None):
            continue
        if field.has_changed(form.get_initial_for_field(field, name), value):
            return False
    return True


def typed(form: forms.BaseForm | None) -> bool:
    """A bound form with something typed in it: what a button must save or show back."""
    return form is not None and form.is_bound and not is_blank(form)


def all_valid(*forms_on_page) -> bool:
    """Every form on the page is valid. Validates them all, so each shows its errors."""
    results = [form.is_valid() for form in forms_on_page if form is not None]
    return all(results)


class VersionedForm(Form):
    """Carries the version of the record the editor opened, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class RowsForm(VersionedForm):
    """The same few fields for each of several rows (questions, groups), saved together."""

    def __init__(self, *args, rows, saved, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            for part, field in self.row_fields(row).items():
                name = f"{self.row_prefix(row)}-{part}"
                self.fields[name] = field
                if row.pk in saved:
                    self.initial[name] = getattr(saved[row.pk], part)

    def row_prefix(self, row) -> str:
        raise NotImplementedError

    def row_fields(self, row) -> dict[str, forms.Field]:
        raise NotImplementedError

    def bound_rows(self):
        for row in self.rows:
            prefix = self.row_prefix(row)
            yield row, {part: self[f"{prefix}-{part}"] for part in self.row_fields(row)}

    def values(self) -> dict[int, dict[str, str]]:
        return {
            row.pk: {
                part: self.cleaned_data[f"{self.row_prefix(row)}-{part}"] or ""
                for part in self.row_fields(row)
            }
            for row in self.rows
        }


def services_field(**kwargs) -> forms.ModelMultipleChoiceField:
    """Services as checkboxes; `offer_services_of` fills in the choices."""
    return IdMultipleChoiceField(
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def offer_services_of(field: forms.ModelMultipleChoiceField, organisation: Organisation) -> None:
    """Offer the services of every organisation in `organisation`'s system: a
    commissioner's record often concerns services that others provide."""
    field.queryset = Service.objects.filter(
        organisation__system_id=organisation.system_id
    ).select_related("organisation")
    field.label_from_instance = lambda s: f"{s.name} – {s.organisation}"


class OnceForm(Form):
    """A form whose rows are added once however often it is sent: it carries a token,
    new each time the form is shown (see `services.use_token`)."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"].initial = uuid.uuid4


class PersonChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class ListFilterForm(Form):
    """A list's filters, every one optional: the organisations the person may see among them
    (`organisation`). A tool's form declares its own filters (`field_order` places them
    around the organisation) and narrows the list by them in `narrow`."""

    hide_optional_labels = True

    organisation = IdChoiceField(
        label="Organisation", queryset=None, required=False, empty_label="All organisations"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = organisations_for(user)

    def apply(self, rows):
        data = self.cleaned_data
        if data["organisation"]:
            rows = rows.filter(organisation=data["organisation"])
        return self.narrow(rows, data)

    def narrow(self, rows, data: dict):
        return rows
