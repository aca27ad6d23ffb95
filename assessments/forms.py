from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from assessments.models import (
    EVIDENCE_MAX,
    JOB_TITLE_MAX,
    NAME_MAX,
    RATIONALE_MAX,
    TITLE_MAX,
    Assessment,
    Stage2Group,
    Stage2Impact,
)
from assessments.tallies import negative_in
from idmf.core.forms import (
    DateInputField,
    Form,
    IdChoiceField,
    ListFilterForm,
    RowsForm,
    VersionedForm,
    YesNoField,
    long_text_field,
    needed_to_submit,
    offer_services_of,
    services_field,
)
from idmf.core.models import Membership, person_name
from idmf.core.permissions import Perm, organisations_for, visible_to
from idmf.core.search import title_search
from idmf.evidence.models import EvidenceRow


class AboutForm(VersionedForm):
    title = forms.CharField(label="Title of assessment", max_length=TITLE_MAX)
    service_area = needed_to_submit(
        forms.CharField(
            label="Service area",
            max_length=TITLE_MAX,
            required=False,
            help_text="For example, Strategy & Planning Directorate",
        )
    )
    services = services_field(label="Services concerned", help_text="Select all that apply")
    overview = needed_to_submit(
        long_text_field(
            label="Overview of proposal, policy, service etc",
            required=False,
            help_text="What is proposed, why, and who it is for",
        )
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        offer_services_of(self.fields["services"], organisation)


class NewAssessmentForm(Form):
    organisation = IdChoiceField(label="Organisation", queryset=None, empty_label=None)
    title = forms.CharField(label="Title of assessment", max_length=TITLE_MAX)
    service_area = forms.CharField(label="Service area", max_length=TITLE_MAX, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, Perm.EDIT_RECORDS)


class PersonForm(Form):
    name = forms.CharField(label="Name", max_length=NAME_MAX, required=False)
    job_title = forms.CharField(label="Job title", max_length=JOB_TITLE_MAX, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("name", "").strip()) != bool(data.get("job_title", "").strip()):
            raise forms.ValidationError("Enter both the name and the job title, or neither")
        return data


def people_in(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """People pasted as a list, one a line: "Name, job title" (the first comma divides
    them). The people, and what is wrong with any line (blank lines are skipped)."""
    people, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, comma, job_title = (part.strip() for part in line.partition(","))
        if not comma or not name or not job_title:
            problems.append(f"Line {number}: write the name, a comma, then the job title")
        elif len(name) > NAME_MAX or len(job_title) > JOB_TITLE_MAX:
            problems.append(
                f"Line {number}: a name is at most {NAME_MAX} characters and a job title "
                f"at most {JOB_TITLE_MAX}"
            )
        else:
            people.append((name, job_title))
    return people, problems


class PeopleListForm(Form):
    """Many people at once, without pressing "add another" for each."""

    pasted = forms.CharField(
        label="Add several people at once",
        help_text="One person a line: their name, a comma, then their job title. For "
        "example: Ada Lovelace, Head of Equality and Inclusion",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        required=False,
    )

    def clean_pasted(self):
        people, problems = people_in(self.cleaned_data["pasted"])
        if problems:
            raise forms.ValidationError(problems)
        self.people = people
        return self.cleaned_data["pasted"]


# Enough for any assessment's team; more is refused with a message, never dropped.
MAX_PEOPLE = 100
BLANK_PEOPLE_ROWS = 2
PeopleFormSet = forms.formset_factory(
    PersonForm, extra=0, max_num=MAX_PEOPLE, validate_max=True, absolute_max=MAX_PEOPLE + 50
)


class Stage1SectionForm(RowsForm):
    """The questions of one Stage 1 section, built from the reference data."""

    def row_prefix(self, question):
        return f"q{question.number}"

    def row_fields(self, question):
        if not question.is_yes_no:
            return {
                "rationale": long_text_field(
                    label=f"{question.number}. {question.text}",
                    max_length=settings.LONG_TEXT_MAX_LENGTH,
                    required=False,
                )
            }
        return {
            "answer": YesNoField(label=f"{question.number}. {question.text}", required=False),
            "rationale": needed_to_submit(
                long_text_field(
                    label=f"Rationale for question {question.number}",
                    max_length=RATIONALE_MAX,
                    required=False,
                )
            ),
        }


class Stage2ImpactsForm(RowsForm):
    """Each group's impact, evidence and mitigation; and, to save typing the same thing
    many times, the groups considered with no differential impact, with one reason."""

    no_difference = forms.TypedMultipleChoiceField(
        label="Groups you have considered where no differential impact was identified",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each group the proposal affects no differently from anyone else, "
        "then say why once below. A ticked group needs nothing more on this page.",
    )
    no_difference_reason = long_text_field(
        label="Why no differential impact was identified for the ticked groups",
        max_length=EVIDENCE_MAX,
        required=False,
    )

    def __init__(self, *args, rows, saved, organisation, **kwargs):
        self.evidence_choices = evidence_row_choices(organisation)
        super().__init__(*args, rows=rows, saved=saved, **kwargs)
        self.fields["no_difference"].choices = [(g.pk, g.name) for g in rows]
        none = [g.pk for g in rows if g.pk in saved and saved[g.pk].impact == "none"]
        self.initial["no_difference"] = none
        if none:
            self.initial["no_difference_reason"] = saved[none[0]].evidence

    def clean(self):
        data = super().clean()
        ticked = data.get("no_difference") or []
        reason = data.get("no_difference_reason", "").strip()
        if ticked and not reason:
            self.add_error(
                "no_difference_reason",
                "Say why no differential impact was identified for the groups you ticked",
            )
        for group in self.rows:
            evidence = (data.get(f"g{group.pk}-evidence") or "").strip()
            typed_here = f"g{group.pk}-evidence" in self.changed_data  # not the saved reason shown
            if group.pk in ticked and evidence and typed_here and evidence != reason:
                # Two answers for one group: say so rather than keep one and drop the other.
                self.add_error(
                    f"g{group.pk}-evidence",
                    f"You ticked {group.name} as having no differential impact: clear its "
                    "evidence here (the reason for the ticked groups is used) or untick it",
                )
        return data

    def values(self) -> dict[int, dict[str, str]]:
        values = super().values()
        ticked = set(self.cleaned_data.get("no_difference") or [])
        for group_id in ticked:
            values[group_id] |= {
                "impact": "none",
                "evidence": self.cleaned_data["no_difference_reason"],
            }
        for group_values in values.values():
            group_values["evidence_row_id"] = group_values.get("evidence_row_id") or None
        # A group ticked before and unticked now is to be answered again, unless its own
        # answer was changed here.
        for group_id in set(self.initial.get("no_difference") or []) - ticked:
            row = f"g{group_id}"
            if not any(f"{row}-{part}" in self.changed_data for part in ("impact", "evidence")):
                values[group_id] |= {"impact": "", "evidence": ""}
        return values

    def row_prefix(self, group):
        return f"g{group.pk}"

    def row_fields(self, group):
        return {
            "impact": forms.ChoiceField(
                label=f"Impact on {group.name}",
                choices=Stage2Impact.Impact.choices,
                widget=forms.RadioSelect(attrs={"inline": True}),
                required=False,
            ),
            "evidence": needed_to_submit(
                long_text_field(
                    label=f"Evidence for {group.name}", max_length=EVIDENCE_MAX, required=False
                )
            ),
            "mitigation": long_text_field(
                label=f"Mitigation for {group.name}",
                max_length=EVIDENCE_MAX,
                required=False,
                help_text="Needed where the impact is negative",
            ),
            "evidence_row_id": forms.TypedChoiceField(
                label=f"Equity evidence for {group.name}",
                choices=self.evidence_choices,
                coerce=int,
                empty_value=None,
                required=False,
                help_text="A table's figures for this group, from Equity evidence",
            ),
        }


def evidence_row_choices(organisation) -> list:
    """The organisation's equity evidence, a group of options for each table: its groups'
    rows. One query."""
    rows = (
        EvidenceRow.objects.filter(table__organisation=organisation, not_known=False)
        .select_related("table")
        .order_by("table__indicator", "table__period_to", "table__pk", "order")
    )
    tables: dict = {}
    for row in rows:
        table = row.table
        label = f"{table.indicator} ({table.period_from:%B %Y} to {table.period_to:%B %Y})"
        tables.setdefault((table.pk, label), []).append((row.pk, row.group))
    return [("", "None")] + [(label, options) for (_, label), options in tables.items()]


class IntersectionalForm(VersionedForm):
    intersectional_impact = needed_to_submit(
        long_text_field(
            label="Impact on people affected by more than one characteristic at once",
            required=False,
            help_text="For example, older people from ethnic minority groups who are digitally "
            "excluded. Say what the combined impact is and how it will be addressed.",
        )
    )


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Overall outcome of the assessment",
        choices=Assessment.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    outcome_justification = long_text_field(
        label="Justification",
        required=False,
        help_text="Required if you continue despite an adverse impact",
    )


class ReviewCommentForm(Form):
    """At the end of the read-only assessment: the approver's comment, and their choice."""

    comment = long_text_field(
        label="Your comments",
        max_length=RATIONALE_MAX,
        help_text="If you return it, say what needs to change; if you approve it, this is "
        "your approval comment",
    )
    require_stage2 = forms.BooleanField(label="Stage 2 must be completed", required=False)

    def __init__(self, *args, stage2_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if stage2_required:  # nothing to ask for
            del self.fields["require_stage2"]


class ApproveForm(Form):
    comment = long_text_field(label="Approval comment", max_length=RATIONALE_MAX)
    approver_role = forms.CharField(label="Your role", max_length=JOB_TITLE_MAX)
    on_behalf_of = forms.CharField(
        label="Approving on behalf of someone else?",
        max_length=NAME_MAX,
        required=False,
        help_text="Their name and role, if you approve on their behalf",
    )


class ReturnForm(ReviewCommentForm):
    comment = long_text_field(
        label="Comments for the author",
        max_length=RATIONALE_MAX,
        help_text="Say what needs to change before you can approve it",
    )


class AssessmentFilterForm(ListFilterForm):
    field_order = ["q", "organisation"]

    q = forms.CharField(label="Search by title", required=False, max_length=TITLE_MAX)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Assessment.Status.choices]
    )
    author = IdChoiceField(label="Author", queryset=None, required=False, empty_label="Anyone")
    needs_my_approval = forms.BooleanField(
        label="Only those waiting for my approval", required=False
    )
    outcome = forms.ChoiceField(
        label="Stage 2 outcome",
        required=False,
        choices=[("", "Any outcome"), *Assessment.Outcome.choices],
    )
    negative_for = IdChoiceField(
        label="Found a negative impact on",
        queryset=Stage2Group.objects.all(),
        required=False,
        empty_label="Any group, or none",
        help_text="The latest version of each assessment",
    )
    started_from = DateInputField(label="Started on or after", required=False)
    started_to = DateInputField(label="Started on or before", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        organisations = self.fields["organisation"].queryset
        # The members of those organisations (read from memberships, not from every
        # assessment the person may see).
        members = Membership.objects.filter(organisation__in=organisations).values("user")
        self.fields["author"].queryset = (
            get_user_model().objects.filter(pk__in=members).order_by("first_name", "last_name")
        )
        self.fields["author"].label_from_instance = person_name

    def narrow(self, assessments, data):
        if data["q"]:
            assessments = title_search(assessments, data["q"])
        if data["status"]:
            assessments = assessments.filter(status=data["status"])
        if data["author"]:
            assessments = assessments.filter(created_by=data["author"])
        if data["outcome"]:
            assessments = assessments.filter(outcome=data["outcome"])
        if data["negative_for"]:
            assessments = negative_in(assessments, group=data["negative_for"])
        if data["started_from"]:
            assessments = assessments.filter(created_at__date__gte=data["started_from"])
        if data["started_to"]:
            assessments = assessments.filter(created_at__date__lte=data["started_to"])
        if data["needs_my_approval"]:
            assessments = (
                visible_to(self.user, assessments, permission=Perm.APPROVE_RECORDS)
                .filter(status=Assessment.Status.SUBMITTED)
                .exclude(created_by=self.user)
            )
        return assessments
