"""The forms of actions: raising one (on any tool's record), updating its status or log,
and the tracker's filters."""

from django import forms
from django.utils import timezone

from idmf.actions import rules
from idmf.actions.models import Action
from idmf.core import records
from idmf.core.forms import (
    DateInputField,
    Form,
    ListFilterForm,
    OnceForm,
    PersonChoiceField,
    long_text_field,
    needed_to_submit,
)
from idmf.core.models import person_name
from idmf.core.permissions import members_of


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


class ActionFilterForm(ListFilterForm):
    field_order = ["whose", "organisation"]

    whose = forms.ChoiceField(
        label="Whose actions",
        required=False,
        choices=[("", "My actions"), ("all", "Everyone's")],
        help_text="Yours: you own them, or you raised them without naming an owner's account",
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
        super().__init__(*args, user=user, **kwargs)
        self.kinds = {kind.key: kind for kind in records.KINDS.values() if kind.raises_actions}
        self.fields["tool"].choices = [("", "Any tool")] + [
            (key, kind.noun) for key, kind in self.kinds.items()
        ]
        self.fields["status"].choices = [
            ("", "Open and in progress"),
            ("all", "Any status"),
        ] + list(Action.Status.choices)

    def narrow(self, actions, data):
        today = timezone.localdate()
        if not data["whose"]:
            actions = actions.owned_by(self.user)
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
