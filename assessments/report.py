"""Read side of an assessment: gather it once, in a bounded number of queries, into
what the pages, the check-your-answers list and the PDF show."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse

from assessments import rules
from assessments.models import (
    Assessment,
    PersonResponsible,
    Stage1Answer,
    Stage1Question,
    Stage1Section,
    Stage2Group,
    Stage2Impact,
)
from idmf.actions.models import Action
from idmf.core.dates import nhs_date
from idmf.core.history import editors_in
from idmf.core.records import RecordKind
from idmf.core.reference import kept

STAGE2_PAGES = {Stage2Group.Kind.PROTECTED: "protected", Stage2Group.Kind.INCLUSION: "inclusion"}


def with_parts(queryset):
    """An assessment queryset with everything the report needs fetched alongside."""
    return queryset.select_related(
        "organisation__system", "created_by", "approved_by", "previous_version", "next_version"
    ).prefetch_related(
        "services",
        Prefetch("people", queryset=PersonResponsible.objects.order_by("order", "pk")),
        "answers",
        Prefetch(
            "impacts",
            queryset=Stage2Impact.objects.select_related("evidence_row__table__dimension"),
        ),
    )


def question_rules(questions) -> list[rules.QuestionRule]:
    return [
        rules.QuestionRule(
            number=q.number,
            section=q.section_id,
            is_yes_no=q.is_yes_no,
            trigger_answer=q.stage2_trigger_answer,
            trigger_reason=q.stage2_trigger_reason,
        )
        for q in questions
    ]


def group_pages(groups) -> list[tuple[int, str, str]]:
    return [(g.pk, g.name, STAGE2_PAGES[g.kind]) for g in groups]


def snapshot_of(assessment: Assessment, *, actions: int) -> rules.Snapshot:
    return rules.Snapshot(
        title=assessment.title,
        overview=assessment.overview,
        service_area=assessment.service_area,
        people=len(assessment.people.all()),
        answers={
            a.question_id: rules.AnswerValue(a.answer, a.rationale)
            for a in assessment.answers.all()
        },
        stage2_requested=assessment.stage2_requested,
        impacts={
            i.group_id: rules.ImpactValue(i.impact, i.evidence, i.mitigation)
            for i in assessment.impacts.all()
        },
        intersectional_impact=assessment.intersectional_impact,
        outcome=assessment.outcome,
        outcome_justification=assessment.outcome_justification,
        actions=actions,
    )


@dataclass
class SectionRows:
    section: Stage1Section
    rows: list[tuple[Stage1Question, Stage1Answer | None]]

    @property
    def slug(self):
        return f"section-{self.section.number}"


@dataclass
class Report:
    assessment: Assessment
    sections: list[SectionRows]
    groups: dict[str, list[tuple[Stage2Group, Stage2Impact | None]]]
    triggers: list[tuple[int, str]]
    stage2_required: bool
    problems: list[rules.Problem]
    actions: list[Action] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)

    def trigger_links(self) -> list[dict]:
        """Why Stage 2 is needed: each answer that calls for it, linking to its question."""
        sections = {q.number: entry.slug for entry in self.sections for q, _ in entry.rows}
        return [
            {
                "number": number,
                "reason": reason,
                "href": reverse("assessments:section", args=[self.assessment.pk, sections[number]])
                + f"#question-{number}",
            }
            for number, reason in self.triggers
        ]

    @property
    def problems_by_section(self):
        grouped = {}
        for problem in self.problems:
            grouped.setdefault(problem.section, []).append(problem)
        return grouped


@kept(Stage1Section, Stage1Question, Stage2Group)
def reference_data() -> tuple[list[Stage1Question], list[Stage2Group]]:
    """The Stage 1 questions (with their sections) and the Stage 2 groups, in order."""
    return list(Stage1Question.objects.select_related("section")), list(Stage2Group.objects.all())


def build_report(assessment: Assessment) -> Report:
    questions, groups = reference_data()
    actions = list(Action.objects.raised_by(assessment).select_related("organisation"))
    snapshot = snapshot_of(assessment, actions=len(actions))
    question_list = question_rules(questions)
    answers = {a.question_id: a for a in assessment.answers.all()}
    impacts = {i.group_id: i for i in assessment.impacts.all()}

    sections: dict[int, SectionRows] = {}
    for question in questions:
        entry = sections.setdefault(question.section_id, SectionRows(question.section, []))
        entry.rows.append((question, answers.get(question.number)))

    grouped = {page: [] for page in STAGE2_PAGES.values()}
    for group in groups:
        grouped[STAGE2_PAGES[group.kind]].append((group, impacts.get(group.pk)))

    required = rules.stage2_required(
        question_list, snapshot.answers, requested=snapshot.stage2_requested
    )
    report = Report(
        assessment=assessment,
        sections=list(sections.values()),
        groups=grouped,
        triggers=rules.stage2_triggers(question_list, snapshot.answers),
        stage2_required=required,
        problems=rules.submission_problems(question_list, group_pages(groups), snapshot),
        actions=actions,
    )
    report.tasks = _with_links(assessment, task_list(report, snapshot))
    return report


# Titles of the sections that are not Stage 1 sections (those take their title from the data).
TASK_TITLES = {
    "about": "About the assessment",
    "people": "People responsible",
    "protected": "Stage 2: protected characteristics",
    "inclusion": "Stage 2: inclusion groups",
    "intersectional": "Stage 2: people affected by more than one characteristic",
    "actions": "Stage 2: action plan",
    "outcome": "Stage 2: overall outcome",
}


STAGE2_SLUGS = ["protected", "inclusion", "intersectional", "actions", "outcome"]


def section_order() -> list[str]:
    """Every section's slug in form order; the Stage 1 sections come from the reference data."""
    numbers = Stage1Section.objects.order_by("number").values_list("number", flat=True)
    return ["about", "people", *(f"section-{n}" for n in numbers), *STAGE2_SLUGS]


def next_section(slug: str, *, stage2_required: bool) -> str | None:
    """The section after `slug` that applies, or None when the form is done."""
    order = section_order()
    following = order[order.index(slug) + 1 :]
    if following and (following[0] not in STAGE2_SLUGS or stage2_required):
        return following[0]
    return None


def problem_links(assessment: Assessment, problems: list[rules.Problem]) -> list[dict]:
    """Each problem as an error-summary item linking to its field on its section page."""
    grouped_fields = ("-answer", "-impact", "outcome")
    links = []
    for problem in problems:
        anchor = f"id_{problem.field}"
        if problem.field.endswith(grouped_fields):
            anchor += "_0"
        if problem.section == "people":
            anchor = "id_people-0-name"
        url = reverse("assessments:section", args=[assessment.pk, problem.section])
        links.append({"href": f"{url}#{anchor}", "text": problem.message})
    return links


def section_title(slug: str) -> str:
    if slug.startswith("section-"):
        return Stage1Section.objects.get(number=int(slug.removeprefix("section-"))).title
    return TASK_TITLES[slug]


def _with_links(assessment: Assessment, tasks: list[dict]) -> list[dict]:
    """Each task links to its section page, unless the section is not needed."""
    for task in tasks:
        task["id"] = task["slug"]
        task["href"] = (
            reverse("assessments:section", args=[assessment.pk, task["slug"]])
            if task["status"].has_link
            else ""
        )
    return tasks


def task_list(report: Report, snapshot: rules.Snapshot) -> list[dict]:
    problems = report.problems_by_section
    tasks = [
        {
            "slug": "about",
            "title": TASK_TITLES["about"],
            "status": rules.section_status(touched=True, problems=problems.get("about", [])),
        },
        {
            "slug": "people",
            "title": TASK_TITLES["people"],
            "status": rules.section_status(
                touched=snapshot.people > 0, problems=problems.get("people", [])
            ),
        },
    ]
    for entry in report.sections:
        slug = entry.slug
        numbers = {q.number for q, _ in entry.rows}
        tasks.append(
            {
                "slug": slug,
                "title": entry.section.title,
                "status": rules.section_status(
                    touched=any(n in snapshot.answers for n in numbers),
                    problems=problems.get(slug, []),
                ),
            }
        )
    touched = {
        page: any(impact is not None for _, impact in rows) for page, rows in report.groups.items()
    }
    stage2 = [
        ("protected", touched["protected"]),
        ("inclusion", touched["inclusion"]),
        ("intersectional", bool(snapshot.intersectional_impact)),
        ("actions", bool(snapshot.actions or snapshot.outcome)),
        ("outcome", bool(snapshot.outcome)),
    ]
    for slug, was_touched in stage2:
        tasks.append(
            {
                "slug": slug,
                "title": TASK_TITLES[slug],
                "stage2": True,
                "status": rules.section_status(
                    touched=was_touched,
                    problems=problems.get(slug, []),
                    needed=report.stage2_required,
                ),
            }
        )
    return tasks


# What an approver's own review writes to an assessment: not editing it.
REVIEW_REASONS = ("Returned to the author", "Approved")


def editors_of(assessment: Assessment) -> set[int]:
    """Everyone who wrote any part of the assessment: none of them may approve it."""
    parts = [
        model.history.filter(assessment_id=assessment.pk)
        for model in (PersonResponsible, Stage1Answer, Stage2Impact)
    ]
    return editors_in(assessment, assessment.history.all(), *parts, reasons=REVIEW_REASONS)


PDF_TEMPLATE = "assessments/pdf/assessment.html"


def pdf_context(assessment: Assessment) -> dict:
    """The PDF of an assessment, laid out like the Stage 1 form (a pack uses it too)."""
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "report": build_report(assessment),
        "record_title": assessment.title,
    }


def record_kind() -> RecordKind:
    """An EHIIRA as a board assurance review cites it and a pack holds it."""
    return RecordKind(
        model=Assessment,
        noun="EHIIRA",
        final=Q(status=Assessment.Status.APPROVED),
        draft=Q(status__in=Assessment.EDITABLE_STATUSES),
        queryset=lambda: Assessment.objects.select_related("organisation"),
        status=lambda assessment: assessment.get_status_display(),
        pdf=lambda assessment: (
            PDF_TEMPLATE,
            pdf_context(with_parts(Assessment.objects).get(pk=assessment.pk)),
        ),
        title=lambda assessment: assessment.title,
        public=Q(status=Assessment.Status.APPROVED, published_at__isnull=False),
        published_when=Assessment.Status.APPROVED,
        public_summary=public_summary,
    )


def public_summary(assessment: Assessment) -> list[tuple[str, str]]:
    """What the public register's page of an EHIIRA says, beside its PDF."""
    outcome = assessment.get_outcome_display() or "Stage 2 was not needed"
    approver = ", ".join(p for p in [assessment.approver_name, assessment.approver_role] if p)
    return [
        ("Service area", assessment.service_area or "Not given"),
        ("Overview of the proposal", assessment.overview or "Not given"),
        ("Overall outcome", outcome),
        ("Approved", nhs_date(assessment.approved_on) if assessment.approved_on else ""),
        ("Approved by", approver),
    ]
