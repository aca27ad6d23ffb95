"""The forms of equity evidence: a table's details, its figures group by group, a CSV file of
them, and the list's filters."""

from django import forms

from idmf.core.forms import (
    DateInputField,
    Form,
    IdChoiceField,
    ListFilterForm,
    ModelForm,
    RowsForm,
    VersionedForm,
    long_text_field,
)
from idmf.core.permissions import Perm, organisations_for
from idmf.evidence.models import Dimension, EvidenceSettings, EvidenceTable
from idmf.evidence.services import DETAILS
from idmf.evidence.upload import MAX_BYTES

DETAIL_FIELDS = list(DETAILS)


class DetailsForm(ModelForm):
    """What the table measures, for when, from where."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    source_url = forms.URLField(
        label="Link to the source", max_length=500, required=False, assume_scheme="https"
    )
    period_from = DateInputField(label="Period from", help_text="For example, 1 4 2024")
    period_to = DateInputField(label="Period to", help_text="For example, 31 3 2025")
    note = long_text_field(label="Note", required=False)

    class Meta:
        model = EvidenceTable
        fields = DETAIL_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "polarity": forms.RadioSelect,
            "per": forms.RadioSelect,
        }
        help_texts = {
            "per": "For a rate only",
            "unit": "For a value only: for example, years",
            "first_group": "For a dimension with no deprived end (such as ethnic group): the "
            "group whose gap you want to measure",
            "second_group": "The group it is compared with",
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", "The period must end on or after the day it starts")
        if data.get("kind") == EvidenceTable.Kind.RATE and not data.get("per"):
            self.add_error("per", "Choose whether the rate is per 1,000 or per 100,000")
        names = self.group_names(data)
        if names is not None:
            self.check_compared(data, names)
        return data

    def group_names(self, data) -> list[str] | None:
        """The table's groups (None when they are not known yet)."""
        if not self.instance.pk:
            return None
        return [row.group for row in self.instance.rows.all() if not row.not_known]

    def check_compared(self, data, names) -> None:
        """The two groups whose gap is measured must be two of the table's groups."""
        for name in ("first_group", "second_group"):
            chosen = data.get(name)
            if chosen and chosen not in names:
                said = ", ".join(names)
                self.add_error(name, f"“{chosen}” is not one of the table’s groups: {said}")
        first, second = data.get("first_group"), data.get("second_group")
        if first and second and first == second:
            self.add_error("second_group", "Choose a different group to compare with")


class NewTableForm(DetailsForm):
    version = None
    organisation = IdChoiceField(label="Organisation", queryset=None)
    dimension = IdChoiceField(
        label="Broken down by", queryset=Dimension.objects.all(), widget=forms.RadioSelect
    )
    custom_groups = long_text_field(
        label="Your groups",
        required=False,
        help_text="Only for a list you name: one group on each line, in order",
    )

    class Meta(DetailsForm.Meta):
        fields = ["organisation", *DETAIL_FIELDS[:7], "dimension", *DETAIL_FIELDS[7:]]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, Perm.EDIT_RECORDS)

    def clean(self):
        data = super().clean()
        names = [line.strip() for line in (data.get("custom_groups") or "").splitlines()]
        groups = data["custom_groups"] = [name for name in names if name]
        dimension = data.get("dimension")
        if dimension and dimension.is_custom and len(groups) < 2:
            self.add_error("custom_groups", "Name at least two groups, one on each line")
        elif len(set(groups)) != len(groups):
            self.add_error("custom_groups", "Name each group once")
        elif any(len(name) > 100 for name in groups):
            self.add_error("custom_groups", "Each group's name must be 100 characters or fewer")
        if dimension:
            names = groups if dimension.is_custom else [g.label for g in dimension.groups.all()]
            self.check_compared(data, names)
        return data


def _number(label, whole: bool) -> forms.Field:
    if whole:
        return forms.IntegerField(label=label, required=False, min_value=0)
    return forms.FloatField(label=label, required=False)


class FiguresForm(RowsForm):
    """Each group's figures, in the columns its kind of table needs."""

    def __init__(self, *args, table, **kwargs):
        self.table = table
        rows = list(table.rows.all())
        super().__init__(*args, rows=rows, saved={row.pk: row for row in rows}, **kwargs)

    def row_prefix(self, row) -> str:
        return f"row-{row.pk}"

    def row_fields(self, row) -> dict[str, forms.Field]:
        kind = self.table.kind
        if kind == EvidenceTable.Kind.VALUE:
            return {
                "value": _number(f"{row.group}: value", whole=False),
                "se": _number(f"{row.group}: standard error", whole=False),
                "lower": _number(f"{row.group}: lower 95% limit", whole=False),
                "upper": _number(f"{row.group}: upper 95% limit", whole=False),
                "denominator": _number(f"{row.group}: population", whole=True),
            }
        top = "count" if kind == EvidenceTable.Kind.RATE else "numerator"
        bottom = "population" if kind == EvidenceTable.Kind.RATE else "denominator"
        return {
            "numerator": _number(f"{row.group}: {top}", whole=True),
            "denominator": _number(f"{row.group}: {bottom}", whole=True),
        }

    def clean(self):
        data = super().clean()
        if self.table.kind != EvidenceTable.Kind.PROPORTION:
            return data
        for row in self.rows:
            x = data.get(f"row-{row.pk}-numerator")
            n = data.get(f"row-{row.pk}-denominator")
            if x is not None and n is not None and x > n:
                self.add_error(
                    f"row-{row.pk}-numerator", "The numerator cannot be more than the denominator"
                )
        return data

    def figures(self) -> dict:
        data = self.cleaned_data
        return {
            row.group: {part: data[f"row-{row.pk}-{part}"] for part in self.row_fields(row)}
            for row in self.rows
        }


class NextPeriodForm(Form):
    """The next period of an indicator: when it runs from and to."""

    period_from = DateInputField(label="Period from", help_text="For example, 1 4 2025")
    period_to = DateInputField(label="Period to", help_text="For example, 31 3 2026")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", "The period must end on or after the day it starts")
        return data


class UploadForm(VersionedForm):
    file = forms.FileField(
        label="CSV file",
        help_text=f"Up to {MAX_BYTES // 1_000_000} MB: one row for each group, in the columns "
        "of the template",
    )


class EvidenceFilterForm(ListFilterForm):
    indicator = forms.CharField(label="Indicator contains", max_length=200, required=False)

    def narrow(self, tables, data):
        if data["indicator"]:
            tables = tables.filter(indicator__icontains=data["indicator"])
        return tables


class SettingsForm(ModelForm):
    class Meta:
        model = EvidenceSettings
        fields = ["suppress_up_to", "completeness_warning"]

    def clean_completeness_warning(self):
        share = self.cleaned_data["completeness_warning"]
        if share > 100:
            raise forms.ValidationError("Enter a percentage from 0 to 100")
        return share
