"""Form fields and widgets that render as NHS.UK components through the crispy pack."""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from idmf.core import records, rules
from idmf.core.models import (
    Action,
    NoticeKind,
    Organisation,
    Role,
    Service,
    Share,
    person_name,
)
from idmf.core.permissions import members_of, organisations_for

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


class NamedErrors:
    """Fills in, for each required field without its own message, one that names it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            if field.error_messages.get("required") == default:
                field.error_messages["required"] = required_message(field)


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


class ActionForm(OnceForm):
    """An action raised by a record: its owner is a named person or role, and, when the
    owner uses this system, their account (the action is then theirs to update)."""

    title = forms.CharField(label="Action", max_length=1000)
    # Needed unless the owner's account is chosen: no "(optional)" in its label.
    owner = needed_to_submit(
        forms.CharField(
            label="Owner",
            max_length=200,
            required=False,
            help_text="A named person or role. Leave it blank if you choose their account below",
        )
    )
    assignee = PersonChoiceField(
        label="Owner's account",
        queryset=None,
        required=False,
        empty_label="Not a user of this system",
        help_text="If the owner uses this system, the action shows among their actions and "
        "they are told about it",
    )
    due_date = DateInputField(label="Due date", help_text="For example, 31 3 2027")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members_of(organisation)

    def clean(self):
        data = super().clean()
        if not data.get("owner") and "owner" not in self.errors:
            if data.get("assignee"):
                data["owner"] = person_name(data["assignee"])
            elif "assignee" not in self.errors:
                self.add_error("owner", "Enter the owner, or choose their account")
        return data


class ActionUpdateForm(Form):
    """The owner's update: a new status, a dated progress note, or both. It carries the
    status the page was opened with, so a colleague's change meanwhile is not undone."""

    opened = forms.ChoiceField(choices=Action.Status.choices, widget=forms.HiddenInput)

    status = forms.ChoiceField(label="Status", choices=Action.Status.choices)
    note = long_text_field(
        label="Progress note",
        max_length=2000,
        required=False,
        help_text="What has been done, or why the action is being dropped (a reason is "
        "needed to drop it)",
    )

    def clean(self):
        data = super().clean()
        if "status" in data and "opened" in data:
            for problem in rules.action_update_problems(
                current=data["opened"], new=data["status"], note=data.get("note", "")
            ):
                self.add_error("note", problem)
        return data


class ActionFilterForm(Form):
    hide_optional_labels = True  # every filter is optional

    whose = forms.ChoiceField(
        label="Whose actions",
        required=False,
        choices=[("", "My actions"), ("all", "Everyone's")],
        help_text="Yours: you own them, or you raised them without naming an owner's account",
    )
    organisation = IdChoiceField(
        label="Organisation", queryset=None, required=False, empty_label="All organisations"
    )
    tool = forms.ChoiceField(label="Raised by", required=False)
    owner = forms.CharField(label="Owner's name", max_length=200, required=False)
    status = forms.ChoiceField(label="Status", required=False)
    due = forms.ChoiceField(
        label="Due",
        required=False,
        choices=[("", "Any time"), ("overdue", "Overdue"), ("soon", "Due within 30 days")],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = organisations_for(user)
        self.kinds = {kind.key: kind for kind in records.KINDS.values()}
        self.fields["tool"].choices = [("", "Any tool")] + [
            (key, kind.noun) for key, kind in self.kinds.items()
        ]
        self.fields["status"].choices = [
            ("", "Open and in progress"),
            ("all", "Any status"),
        ] + list(Action.Status.choices)

    def apply(self, actions):
        data = self.cleaned_data
        today = timezone.localdate()
        if not data["whose"]:
            actions = actions.owned_by(self.user)
        if data["organisation"]:
            actions = actions.filter(organisation=data["organisation"])
        if data["tool"]:
            actions = actions.filter(source_type__in=self.kinds[data["tool"]].raising_types())
        if data["owner"]:
            actions = actions.filter(owner__icontains=data["owner"])
        if not data["status"]:
            actions = actions.filter(status__in=Action.OPEN_STATUSES)
        elif data["status"] != "all":
            actions = actions.filter(status=data["status"])
        if data["due"] == "overdue":
            actions = actions.filter(status__in=Action.OPEN_STATUSES, due_date__lt=today)
        elif data["due"] == "soon":
            actions = actions.filter(
                status__in=Action.OPEN_STATUSES, due_date__range=(today, today + rules.DUE_SOON)
            )
        return actions


class NoticePreferencesForm(Form):
    wanted = forms.MultipleChoiceField(
        label="Send me an e-mail when",
        choices=NoticeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick any you do not want",
    )


class AddMemberForm(Form):
    username = forms.CharField(
        label="Username", max_length=150, help_text="The person must already have an account"
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError("There is no active account with that username")
        self.cleaned_data["user"] = user
        return username


class AddServiceForm(ModelForm):
    class Meta:
        model = Service
        fields = ["name", "relationship", "core20plus5_area"]
        widgets = {"relationship": forms.RadioSelect}


class InviteForm(Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="Their NHSmail address, if they have one",
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)


class JoinForm(Form):
    """A person invited sets up their account with a password."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(render_value=True),
        help_text="At least 8 characters, not only numbers, and not a common password",
    )
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput(render_value=True)
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        cleaned = super().clean()
        password = cleaned.get("password")
        if password and cleaned.get("password_again") and password != cleaned["password_again"]:
            self.add_error("password_again", "Enter the same password twice")
        elif password:
            person = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, person)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CloseAccountForm(Form):
    transfer_to = PersonChoiceField(
        label="Pass their drafts and open actions to",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Nobody: leave them as they are",
    )
    reason = forms.CharField(
        label="Why the account is being closed",
        max_length=500,
        help_text="For example: left the organisation on 30 November",
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer_to"].queryset = colleagues


class ShareForm(Form):
    person = PersonChoiceField(
        label="Colleague",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a colleague",
    )
    access = forms.ChoiceField(
        label="What they may do",
        choices=Share.Access.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = colleagues
