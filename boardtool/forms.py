"""The forms of a board assurance review's pages, rendered through the crispy pack."""

from django import forms

from boardtool import rules
from boardtool.models import NAME_MAX, Review
from idmf.actions.forms import ActionForm
from idmf.core.forms import (
    DateInputField,
    IdChoiceField,
    ListFilterForm,
    VersionedForm,
    long_text_field,
)
from idmf.core.models import Organisation
from idmf.core.permissions import Perm, organisations_for


class DetailsForm(VersionedForm):
    subject_kind = forms.ChoiceField(
        label="What is reviewed?", choices=Review.Subject.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(
        label="Name of the strategy, plan or initiative",
        max_length=NAME_MAX,
        required=False,
        help_text="Leave empty when the organisation as a whole is reviewed",
    )
    board = forms.CharField(
        label="Board or committee",
        max_length=NAME_MAX,
        help_text="For example, Quality and Safety Committee",
    )
    meeting_date = DateInputField(label="Meeting date", required=False)
    sro = forms.CharField(
        label="Executive SRO for health inequalities", max_length=NAME_MAX, required=False
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("subject_kind") not in (None, Review.Subject.ORGANISATION)
            and not (data.get("subject") or "").strip()
        ):
            self.add_error("subject", "Name the strategy, plan or initiative reviewed")
        return data


class NewReviewForm(DetailsForm):
    organisation = IdChoiceField(label="Organisation", queryset=Organisation.objects.none())
    field_order = ["organisation", *DetailsForm.base_fields]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["version"]
        organisations = organisations_for(user, Perm.EDIT_RECORDS)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        self.order_fields(self.field_order)


class CellForm(VersionedForm):
    rating = forms.ChoiceField(
        label="Assurance rating", choices=rules.Rating.choices, widget=forms.RadioSelect
    )
    evidence = long_text_field(
        label="Evidence",
        required=False,
        help_text="What the board saw and heard that gives (or does not give) assurance",
    )
    citations = forms.MultipleChoiceField(
        label="Records cited as evidence",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Records of this organisation, with their status",
        error_messages={"invalid_choice": "Only records of this organisation can be cited"},
    )

    def __init__(self, *args, citable, **kwargs):
        """`citable`: the organisation's records (`report.Cited`), to choose from."""
        super().__init__(*args, **kwargs)
        self.fields["citations"].choices = [
            (citation_value(c.kind, c.record), f"{c.kind.noun}: {c.title} ({c.status})")
            for c in citable
        ]

    def cited(self) -> list[tuple[int, int]]:
        return [parse_citation(value) for value in self.cleaned_data["citations"]]


def citation_value(kind, record) -> str:
    return f"{kind.content_type().pk}-{record.pk}"


def parse_citation(value: str) -> tuple[int, int]:
    type_id, record_id = value.split("-")
    return int(type_id), int(record_id)


class CellActionForm(ActionForm):
    """An action raised by the cell, typed on the cell's page."""


class ApproveForm(VersionedForm):
    pass


class ReturnForm(VersionedForm):
    comment = long_text_field(
        label="What needs to change?", help_text="The reviewers see this on the review"
    )


class ReviewFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *rules.Status.choices]
    )

    def narrow(self, reviews, data):
        if data["status"]:
            reviews = reviews.filter(status=data["status"])
        return reviews
