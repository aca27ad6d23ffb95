"""Read side of a decision record: gather it once, in a bounded number of queries, into
what the overview, the step pages, the public record and the PDF show."""

from django.db.models import F, Prefetch, Q
from django.urls import reverse

from assessments.models import Assessment
from assessments.report import build_report
from assessments.report import with_parts as assessment_with_parts
from idmf.actions.models import Action
from idmf.core.dates import nhs_date
from idmf.core.links import address_for
from idmf.core.models import person_name
from idmf.core.records import RecordKind
from idmf.decisions import rules
from idmf.decisions.models import STEP_TITLES, DecisionRecord, DecisionReview, DecisionStep
from idmf.evidence.cited import cited, cited_publicly


def with_parts(queryset):
    """A decision queryset with everything the report needs fetched alongside."""
    return queryset.select_related(
        "organisation__system", "created_by", "assessment"
    ).prefetch_related(
        "services",
        "partner_organisations",
        "evidence_tables",
        "remeasured_tables",
        Prefetch("steps", queryset=DecisionStep.objects.select_related("completed_by")),
        Prefetch("reviews", queryset=DecisionReview.objects.select_related("created_by")),
    )


# Decided: the first five steps complete (step 5, "Decide with due regard").
DECIDED = Q(steps_completed__gte=5)


def due_regard_before() -> Q:
    """Due regard paid before the decision: the linked EHIIRA approved on or before the
    decision date."""
    return Q(
        assessment__status="approved",
        assessment__approved_on__isnull=False,
        decision_date__isnull=False,
        assessment__approved_on__lte=F("decision_date"),
    )


def published():
    """Decisions whose six steps are complete and that their authors chose to publish."""
    return DecisionRecord.objects.filter(published=True, steps_completed=6)


def record_state(record: DecisionRecord) -> rules.RecordState:
    assessment = record.assessment
    return rules.RecordState(
        values={
            name: getattr(record, name) for fields in rules.STEP_FIELDS.values() for name in fields
        },
        completed={s.number for s in record.steps.all() if s.is_complete},
        assessment_status=assessment.status if assessment else None,
        assessment_outcome=assessment.outcome if assessment else "",
        assessment_approved_on=assessment.approved_on if assessment else None,
    )


def _display(record, name) -> str:
    field = DecisionRecord._meta.get_field(name)
    if name == "affected_groups":
        labels = dict(DecisionRecord.AffectedGroup.choices)
        return ", ".join(labels.get(g, g) for g in record.affected_groups)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(record, name).all())
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    value = getattr(record, name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return nhs_date(value)
    return value or ""


# Shown once, in the record's heading, rather than again in step 1.
IN_THE_HEADING = {"title", "kind"}


# What the public record leaves out: bookkeeping of the record itself.
NOT_FOR_THE_PUBLIC = {"published"}


def step_summary(record, number, *, public=False) -> list[tuple[str, str]]:
    """(label, value) for each of the step's answers, in form order. An optional answer left
    blank is left out; a needed one shows as blank, for the page to say "Not given"."""
    names = list(rules.STEP_FIELDS[number]) + rules.STEP_RELATIONS.get(number, [])
    needed = rules.required_fields(number)
    rows = []
    for name in names:
        value = _display(record, name)
        if name in IN_THE_HEADING or (not value and name not in needed):
            continue
        if public and name in NOT_FOR_THE_PUBLIC:
            continue
        rows.append((str(DecisionRecord._meta.get_field(name).verbose_name).capitalize(), value))
    return rows


def _task(record, row) -> dict:
    """One line of the record's task list."""
    step = row["step"]
    hint = ""
    if step.completed_at:
        who = person_name(step.completed_by)
        hint = f"Completed by {who} on {nhs_date(step.completed_at)}"
    return {
        "id": f"step-{row['number']}",
        "title": f"{row['number']}. {row['title']}",
        "href": reverse("decisions:step", args=[record.pk, row["number"]]),
        "hint": hint,
        "status": row["status"],
    }


def record_report(record, *, public=False) -> dict:
    """What the overview, the step pages and the PDF show about one record; `public`, what
    the public register shows."""
    steps = {s.number: s for s in record.steps.all()}
    state = record_state(record)
    rows = []
    for number, title in STEP_TITLES.items():
        step = steps.get(number) or DecisionStep(record=record, number=number)
        touched = rules.step_started(number, state, has_notes=bool(step.evidence_notes))
        rows.append(
            {
                "number": number,
                "title": title,
                "step": step,
                "summary": step_summary(record, number, public=public),
                "status": rules.step_status(number, completed=state.completed, touched=touched),
            }
        )
    return {
        "record": record,
        "steps": rows,
        "tasks": [_task(record, row) for row in rows],
        "completed": state.completed,
        "current_step": rules.current_step(state.completed),
        "is_complete": rules.is_complete(state.completed),
        "reopenable": rules.reopenable_step(state.completed),
        "actions": list(Action.objects.raised_by(record).select_related("organisation")),
        **(
            {"public_evidence": cited_publicly(record.evidence_tables.all())}
            if public
            else {
                "evidence": cited(record.evidence_tables.all()),
                "remeasured": cited(record.remeasured_tables.all()),
            }
        ),
        # Proceeding against this outcome needs a written justification.
        "assessment_said_stop": state.assessment_outcome == "stop",
        "due_regard_problem": rules.due_regard_problem(
            record.decision_date, state.assessment_approved_on
        ),
    }


PDF_TEMPLATE = "decisions/pdf/decision.html"


def pdf_context(record: DecisionRecord) -> dict:
    """The PDF of a decision record, with a summary of its EHIIRA (a pack uses it too)."""
    assessment_report = None
    if record.assessment_id:
        assessment_report = build_report(
            assessment_with_parts(Assessment.objects).get(pk=record.assessment_id)
        )
    return {
        **record_report(record),
        "organisation": record.organisation,
        "record_title": record.title,
        "assessment_report": assessment_report,
    }


def record_kind() -> RecordKind:
    """A decision record as a board assurance review cites it and a pack holds it: final
    once its six steps are complete."""
    return RecordKind(
        model=DecisionRecord,
        noun="Decision record",
        final=Q(steps_completed=6),
        draft=Q(steps_completed__lt=6),
        joint=True,
        queryset=lambda: DecisionRecord.objects.select_related("organisation"),
        status=lambda record: (
            "Complete"
            if record.steps_completed == 6
            else f"In progress: {record.steps_completed} of 6 steps complete"
        ),
        pdf=lambda record: (
            PDF_TEMPLATE,
            pdf_context(with_parts(DecisionRecord.objects).get(pk=record.pk)),
        ),
        title=lambda record: record.title,
        public=Q(published=True, steps_completed=6),
        published_field="updated_at",
        public_url=lambda record: address_for("public_record", record.pk),
    )
