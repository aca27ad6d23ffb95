"""Forms for the IDMF decision record: one per step, built from the model's fields."""

import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from assessments.models import Assessment
from idmf.core.forms import (
    DateInputField,
    Form,
    IdChoiceField,
    IdMultipleChoiceField,
    ListFilterForm,
    ModelForm,
    OnceForm,
    long_text_field,
    needed_to_submit,
    offer_services_of,
    services_field,
)
from idmf.core.models import Organisation
from idmf.core.permissions import Perm, organisations_for
from idmf.core.search import title_search
from idmf.decisions import rules
from idmf.decisions.models import STEP_TITLES, DecisionRecord
from idmf.decisions.report import DECIDED, due_regard_before
from idmf.evidence.models import EvidenceTable

NEEDED_TO_COMPLETE = rules.all_required_fields()


def step_formfield(model_field, **kwargs):
    """Long text with a character count, dates as NHS.UK date inputs. Only the title and
    kind are required to save; completing a step checks what that step needs."""
    if isinstance(model_field, models.JSONField | models.ManyToManyField):
        return None  # declared on the form
    kwargs.setdefault("label", capfirst(model_field.verbose_name))
    kwargs["required"] = model_field.name in {"title", "kind"}
    if isinstance(model_field, models.TextField):
        field = long_text_field(**kwargs)
    elif isinstance(model_field, models.DateField):
        field = DateInputField(**kwargs)
    else:
        field = model_field.formfield(**kwargs)
    return needed_to_submit(field) if model_field.name in NEEDED_TO_COMPLETE else field


class StepForm(ModelForm):
    """Validates one step's fields; the service writes them (the form never saves)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence_notes = long_text_field(
        label="Evidence notes",
        required=False,
        help_text="Documents, data sources and links that support this step",
    )

    def __init__(self, *args, record, step, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] |= {"version": record.version, "evidence_notes": step.evidence_notes}
        super().__init__(*args, instance=record, **kwargs)
        self.record = record

    def step_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def step_form_class(number: int):
    return {1: Step1Form, 2: Step2Form, 3: Step3Form, 4: Step4Form, 5: Step5Form, 6: Step6Form}[
        number
    ]


class Step1Form(StepForm):
    affected_groups = forms.MultipleChoiceField(
        label="Who is affected",
        choices=DecisionRecord.AffectedGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    services = services_field(label="Services involved")
    partner_organisations = IdMultipleChoiceField(
        label="Other organisations involved",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = DecisionRecord
        fields = [*rules.STEP_FIELDS[1], *rules.STEP_RELATIONS[1]]
        formfield_callback = step_formfield
        labels = {"who_is_affected": "How they are affected"}

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        offer_services_of(self.fields["services"], record.organisation)
        self.fields["partner_organisations"].queryset = Organisation.objects.filter(
            system_id=record.organisation.system_id
        ).exclude(pk=record.organisation_id)


def evidence_field(label: str, help_text: str) -> IdMultipleChoiceField:
    return IdMultipleChoiceField(
        label=label,
        queryset=EvidenceTable.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )


def offer_evidence_of(field, organisation) -> None:
    """The organisation's equity evidence tables, each named with its period."""
    field.queryset = EvidenceTable.objects.filter(organisation=organisation).order_by(
        "indicator", "period_to", "pk"
    )
    field.label_from_instance = lambda table: (
        f"{table.indicator} ({table.period_from:%-d %B %Y} to {table.period_to:%-d %B %Y})"
    )


class Step2Form(StepForm):
    evidence_tables = evidence_field(
        "Equity evidence tables",
        "Figures broken down by group, from Equity evidence: their gaps are shown on the record",
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        offer_evidence_of(self.fields["evidence_tables"], record.organisation)

    class Meta:
        model = DecisionRecord
        fields = [*rules.STEP_FIELDS[2], *rules.STEP_RELATIONS[2]]
        formfield_callback = step_formfield
        help_texts = {
            "population_data": "For example, the Joint Strategic Needs Assessment (JSNA)",
            "uptake_data": "Compare groups: for example, uptake in the most and least "
            "deprived quintiles",
        }


class Step3Form(StepForm):
    class Meta:
        model = DecisionRecord
        fields = list(rules.STEP_FIELDS[3])
        formfield_callback = step_formfield
        help_texts = {
            "who_was_engaged": "Patients, staff, communities, VCSE partners, staff networks"
        }


class Step4Form(StepForm):
    class Meta:
        model = DecisionRecord
        fields = []


class Step5Form(StepForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=DecisionRecord.Decision.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    class Meta:
        model = DecisionRecord
        fields = list(rules.STEP_FIELDS[5])
        formfield_callback = step_formfield
        labels = {
            "decision_justification": "Justification for the decision",
            "decision_date": "Date of the decision",
        }
        help_texts = {
            "decision_justification": "Required if you proceed although the EHIIRA's outcome "
            "was to stop and remove the proposal",
            "decided_by": "The board or committee that made the decision",
        }

    def clean(self):
        data = super().clean()
        outcome = self.record.assessment.outcome if self.record.assessment else ""
        if (
            rules.justification_needed(data.get("decision", ""), outcome)
            and not data.get("decision_justification", "").strip()
        ):
            self.add_error(
                "decision_justification",
                "Justify proceeding when the EHIIRA's outcome was to stop and remove the proposal",
            )
        if data.get("decision_date") and data["decision_date"] > timezone.localdate():
            self.add_error("decision_date", "The date of the decision must be today or earlier")
        assessment = self.record.assessment
        problem = rules.due_regard_problem(
            data.get("decision_date"), assessment.approved_on if assessment else None
        )
        if problem:
            self.add_error("decision_date", problem)
        return data


class Step6Form(StepForm):
    remeasured_tables = evidence_field(
        "Tables to re-measure at the review",
        "At the review, the next period of each is entered and the record shows whether its "
        "gap narrowed",
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        offer_evidence_of(self.fields["remeasured_tables"], record.organisation)

    class Meta:
        model = DecisionRecord
        fields = [*rules.STEP_FIELDS[6], *rules.STEP_RELATIONS[6]]
        formfield_callback = step_formfield
        labels = {"published": "Publish this record on the public register"}

    def clean(self):
        data = super().clean()
        problem = rules.review_date_problem(self.record.decision_date, data.get("review_date"))
        if problem:
            self.add_error("review_date", problem)
        return data


class LinkAssessmentForm(Form):
    assessment = IdChoiceField(
        label="EHIIRA to link",
        queryset=Assessment.objects.none(),
        empty_label="Choose an assessment",
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the record's own organisation: a forged id for another one is not a choice.
        self.fields["assessment"].queryset = Assessment.objects.filter(
            organisation_id=record.organisation_id
        ).order_by("-updated_at")
        self.fields["assessment"].label_from_instance = lambda a: (
            f"{a.title} (version {a.version_number}, {a.get_status_display().lower()})"
        )


class NewDecisionForm(Form):
    organisation = IdChoiceField(label="Organisation", queryset=None, empty_label=None)
    title = forms.CharField(label="Title of the proposal", max_length=200)
    kind = forms.ChoiceField(
        label="What is being decided", choices=DecisionRecord.Kind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, Perm.EDIT_RECORDS)


class ReviewForm(OnceForm):
    reviewed_on = DateInputField(label="Date of the review")
    notes = long_text_field(
        label="What the review found",
        help_text="For example, uptake and outcomes by group since the decision",
    )
    next_review_date = DateInputField(label="Next review date", required=False)


class DecisionFilterForm(ListFilterForm):
    field_order = ["q", "organisation"]

    q = forms.CharField(label="Search by title", required=False, max_length=200)
    step = forms.ChoiceField(
        label="Current step",
        required=False,
        choices=[
            ("", "Any step"),
            *[(str(n), f"Step {n}: {t}") for n, t in STEP_TITLES.items()],
            ("complete", "All steps complete"),
        ],
    )
    decision = forms.ChoiceField(
        label="Decision",
        required=False,
        choices=[("", "Any decision"), *DecisionRecord.Decision.choices],
    )
    review = forms.ChoiceField(
        label="Review",
        required=False,
        choices=[("", "Any"), ("due", "Due in the next 30 days"), ("overdue", "Overdue")],
    )
    due_regard = forms.ChoiceField(
        label="Due regard",
        required=False,
        choices=[
            ("", "Any"),
            ("before", "Decided with the EHIIRA approved on or before the decision date"),
            ("not_before", "Decided without an EHIIRA approved by then"),
        ],
    )

    def narrow(self, records, data):
        today = timezone.localdate()
        if data["q"]:
            records = title_search(records, data["q"])
        if data["step"] == "complete":
            records = records.filter(steps_completed=6)
        elif data["step"]:
            records = records.filter(steps_completed=int(data["step"]) - 1)
        if data["decision"]:
            records = records.filter(decision=data["decision"])
        if data["due_regard"]:
            decided = records.filter(DECIDED)
            paid = decided.filter(due_regard_before())
            records = (
                paid
                if data["due_regard"] == "before"
                else decided.exclude(pk__in=paid.values("pk"))
            )
        if data["review"] == "overdue":
            records = records.filter(review_date__lt=today)
        elif data["review"] == "due":
            records = records.filter(
                review_date__gte=today, review_date__lte=today + datetime.timedelta(days=30)
            )
        return records
