"""The forms of an EDS report's pages, rendered through the crispy pack."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from eds import rules, scoring
from eds.models import NAME_MAX, EdsReport
from eds.team import drafting_organisations
from idmf.actions.forms import ActionForm
from idmf.core.forms import (
    Form,
    IdChoiceField,
    IdMultipleChoiceField,
    ListFilterForm,
    VersionedForm,
    long_text_field,
    needed_to_submit,
    services_field,
)
from idmf.core.models import Organisation
from idmf.evidence.models import EvidenceTable


class YearField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", f"A year and the next, for example {rules.YEAR_FORMAT}")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and rules.year_problem(value):
            raise ValidationError(rules.year_problem(value))
        return value


class NewReportForm(Form):
    organisation = IdChoiceField(label="Organisation", queryset=Organisation.objects.none())
    year = YearField(label="Reporting year")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = drafting_organisations(user)
        self.fields["organisation"].queryset = organisations
        self.fields["year"].initial = rules.reporting_year(timezone.localdate())
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


OUTSIDE_SYSTEM = (
    "Choose services of this integrated care system: Domain 1 assesses services the "
    "organisation or its system provides or commissions"
)


class HeaderForm(VersionedForm):
    board_sponsor = needed_to_submit(
        forms.CharField(
            label="Organisation board sponsor / lead",
            max_length=NAME_MAX,
            required=False,
            help_text="Name and role, for example Dr Giles Thorpe, Executive Chief Nursing Officer",
        )
    )
    eds_lead = needed_to_submit(
        forms.CharField(label="EDS lead", max_length=NAME_MAX, required=False)
    )
    completed_by = forms.ChoiceField(
        label="Was the review completed by the organisation alone or in partnership?",
        choices=EdsReport.CompletedBy.choices,
        widget=forms.RadioSelect,
    )
    partners = IdMultipleChoiceField(
        label="Partner organisations",
        error_messages={
            "invalid_choice": "Choose partners from the organisations of the same integrated "
            "care system",
            "invalid_pk_value": "Choose partners from the organisations of the same "
            "integrated care system",
        },
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="If in partnership: organisations of the same integrated care system",
    )
    completed_actions = long_text_field(
        label="Completed actions from previous year",
        required=False,
        help_text="Last year's actions and what became of them, or why there are none",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.filter(
            system_id=organisation.system_id
        ).exclude(pk=organisation.pk)

    def clean(self):
        data = super().clean()
        partnership = data.get("completed_by") == EdsReport.CompletedBy.PARTNERSHIP
        if partnership and not data.get("partners"):
            self.add_error("partners", "Choose the partner organisations, or say it was alone")
        return data


class ServicesForm(VersionedForm):
    services = services_field(
        label="Services assessed in Domain 1",
        error_messages={"invalid_choice": OUTSIDE_SYSTEM, "invalid_pk_value": OUTSIDE_SYSTEM},
        help_text="At least two services the organisation or its system provides or commissions",
    )
    core20plus5_services = services_field(
        label="Which of the chosen services are aligned to a Core20PLUS5 clinical area?",
        error_messages={"invalid_choice": OUTSIDE_SYSTEM, "invalid_pk_value": OUTSIDE_SYSTEM},
        # The reporting template's words (EDS 2022, Domain 1).
        help_text="At least one, within one of the five clinical priority areas (Maternity, "
        "Mental Health, Respiratory, Cardiovascular or Cancer)",
    )
    domain1_grading = forms.ChoiceField(
        label="How is Domain 1 rated?",
        choices=EdsReport.Domain1Grading.choices,
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label="When each service is rated, how are their ratings combined?",
        choices=scoring.Method.choices,
        widget=forms.RadioSelect,
        help_text="The report shows the method and its working next to every total",
    )

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("services", "core20plus5_services"):
            field = self.fields[name]
            field.queryset = offered
            field.label_from_instance = _service_label

    def clean(self):
        data = super().clean()
        chosen = set(data.get("services") or [])
        for service in data.get("core20plus5_services") or []:
            if service not in chosen:
                self.add_error(
                    "core20plus5_services",
                    f"{service.name} is ticked as Core20PLUS5-aligned: choose it for Domain 1 "
                    "too, or untick it",
                )
                break
        return data


def _service_label(service) -> str:
    area = service.get_core20plus5_area_display()
    aligned = f" · Core20PLUS5: {area}" if area else ""
    return f"{service.name} – {service.organisation}{aligned}"


RATING_CHOICES = [(str(value), f"{value} {label}") for value, label in scoring.Rating.choices]


GRADE_FIELDS = ("evidence", "evidence_table_id", "rating", "owner")


class GradesForm(VersionedForm):
    """One domain's grades: evidence, rating and owner for each outcome (and, in Domain 1
    rated per service, for each service)."""

    def __init__(self, *args, rows, organisation, **kwargs):
        """`rows`: the domain's `OutcomeRow`s; each part is one set of fields."""
        super().__init__(*args, **kwargs)
        self.rows = rows
        tables = [("", "None")] + [
            (table.pk, f"{table.indicator} ({table.period_from:%B %Y} to {table.period_to:%B %Y})")
            for table in EvidenceTable.objects.filter(organisation=organisation).order_by(
                "indicator", "period_to", "pk"
            )
        ]
        for row in rows:
            for part in row.parts:
                where = f" – {part.label}" if part.label else ""
                code = row.outcome.code
                fields = {
                    "evidence": needed_to_submit(
                        long_text_field(label=f"Evidence for {code}{where}", required=False)
                    ),
                    "rating": forms.TypedChoiceField(
                        label=f"Rating for {code}{where}",
                        choices=RATING_CHOICES,
                        coerce=int,
                        empty_value=None,
                        required=False,
                        widget=forms.RadioSelect(attrs={"inline": True}),
                        error_messages={
                            "invalid_choice": f"Choose a rating for {code} from 0 (Undeveloped) "
                            "to 3 (Excelling)"
                        },
                    ),
                    "owner": forms.CharField(
                        label=f"Owner (Dept/Lead) for {code}{where}",
                        max_length=NAME_MAX,
                        required=False,
                    ),
                    "evidence_table_id": forms.TypedChoiceField(
                        label=f"Equity evidence for {code}{where}",
                        choices=tables,
                        coerce=int,
                        empty_value=None,
                        required=False,
                        help_text="A table of figures by group, from Equity evidence",
                    ),
                }
                for name, field in fields.items():
                    self.fields[f"{part.key}-{name}"] = needed_to_submit(field)
                    if part.grade is not None:
                        value = getattr(part.grade, name)
                        self.initial[f"{part.key}-{name}"] = (
                            str(value) if name == "rating" and value is not None else value
                        )

    def bound_rows(self):
        for row in self.rows:
            yield (
                row,
                [
                    (part, [self[f"{part.key}-{name}"] for name in GRADE_FIELDS])
                    for part in row.parts
                ],
            )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            (row.outcome.pk, _service_of(part)): {
                "evidence": data[f"{part.key}-evidence"],
                "rating": data[f"{part.key}-rating"],
                "owner": data[f"{part.key}-owner"],
                "evidence_table_id": data[f"{part.key}-evidence_table_id"],
            }
            for row in self.rows
            for part in row.parts
        }


def _service_of(part) -> int | None:
    _, _, service = part.key.partition("-")
    return int(service) if service else None


class PlanForm(VersionedForm):
    """The objectives of the action plan, one per plan row."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for row in plan:
            where = f" – {row.label}" if row.label else ""
            self.fields[f"{row.key}-objective"] = long_text_field(
                label=f"Objective for {row.outcome.code}{where}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if row.objective is not None:
                self.initial[f"{row.key}-objective"] = row.objective.text

    def bound_rows(self):
        for row in self.plan:
            yield row, self[f"{row.key}-objective"]

    def values(self) -> dict:
        return {
            (row.outcome.pk, row.service_id): {"text": self.cleaned_data[f"{row.key}-objective"]}
            for row in self.plan
        }


class PlanActionForm(ActionForm):
    """An action for one outcome's plan (and one service's, in Domain 1 per service)."""

    row = forms.ChoiceField(label="For outcome")
    field_order = ["row", "title", "owner", "assignee", "due_date", "submission"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {row.key: (row.outcome.pk, row.service_id) for row in plan}
        self.fields["row"].choices = [("", "Choose an outcome")] + [
            (row.key, f"{row.outcome.code}" + (f" – {row.label}" if row.label else ""))
            for row in plan
        ]
        self.order_fields(self.field_order)

    def action(self) -> dict:
        data = self.cleaned_data
        return {
            "row": self.keys[data["row"]],
            "title": data["title"],
            "owner": data["owner"],
            "assignee": data["assignee"],
            "due_date": data["due_date"],
            "submission": data["submission"],
        }


class ReturnForm(VersionedForm):
    comment = long_text_field(
        label="What needs to change?",
        max_length=settings.LONG_TEXT_MAX_LENGTH,
        help_text="The EDS lead's team sees this on the report",
    )


REPORTING_YEAR = re.compile(r"\b(19|20)\d\d/\d\d\b")


class AuthoriseForm(VersionedForm):
    years_active = forms.CharField(
        label="Year(s) active",
        max_length=50,
        help_text="The years the action plan runs, for example 2023/24 to 2024/25",
    )

    def clean_years_active(self):
        """At least one reporting year ("2023/24"): never a bare number such as 0."""
        years = self.cleaned_data["years_active"].strip()
        if not REPORTING_YEAR.search(years):
            raise ValidationError(
                "Enter the years the action plan runs as reporting years, for example "
                "2023/24 to 2024/25"
            )
        return years


class ReportFilterForm(ListFilterForm):
    year = YearField(label="Reporting year", required=False, help_text="")
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *rules.Status.choices]
    )
    published = forms.ChoiceField(
        label="Published",
        required=False,
        choices=[("", "Published or not"), ("yes", "Published"), ("no", "Not published")],
    )

    def narrow(self, reports, data):
        if data["year"]:
            reports = reports.filter(year=data["year"])
        if data["status"]:
            reports = reports.filter(status=data["status"])
        if data["published"] == "yes":
            reports = reports.filter(status=rules.Status.PUBLISHED)
        elif data["published"] == "no":
            reports = reports.exclude(status=rules.Status.PUBLISHED)
        return reports
