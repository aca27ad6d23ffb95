"""A decision record as open data: its own content (the six steps' answers, grouped by step,
the linked EHIIRA, the decision and its reviews), as the stored text, for the JSON export
that `idmf.core.exports.record_data` wraps with what every record has."""

from idmf.core.exports import when
from idmf.decisions import rules
from idmf.decisions.models import STEP_TITLES, DecisionRecord, DecisionStep
from idmf.decisions.report import record_state, with_parts
from idmf.evidence.cited import cited
from idmf.evidence.data import cited_data

# Given at the top level (with their labels), not again among a step's answers: the title
# and kind head the record; the decision, its dates and publication are its outcome.
AT_THE_TOP = {
    "title",
    "kind",
    "affected_groups",
    "decision",
    "decision_date",
    "review_date",
    "published",
}


def _with_parts(record: DecisionRecord) -> DecisionRecord:
    """The record with its parts; one fetched `with_parts` already is used as it is."""
    if "steps" in getattr(record, "_prefetched_objects_cache", {}):
        return record
    return with_parts(DecisionRecord.objects).get(pk=record.pk)


def _step(record: DecisionRecord, number: int, step: DecisionStep | None) -> dict:
    return {
        "number": number,
        "title": STEP_TITLES[number],
        "answers": {
            name: getattr(record, name)
            for name in rules.STEP_FIELDS[number]
            if name not in AT_THE_TOP
        },
        "evidence_notes": step.evidence_notes if step else "",
        "completed": bool(step and step.is_complete),
        "completed_at": when(step.completed_at if step else None),
    }


def decision_data(record: DecisionRecord) -> dict:
    """The record's own content. Its kind is `decision_kind`: `kind` is the kind of record
    in the export's envelope."""
    record = _with_parts(record)
    steps = {step.number: step for step in record.steps.all()}
    completed = record_state(record).completed
    group_labels = dict(DecisionRecord.AffectedGroup.choices)
    assessment = record.assessment
    return {
        "title": record.title,
        "decision_kind": record.kind,
        "decision_kind_label": record.get_kind_display(),
        "services": sorted(service.name for service in record.services.all()),
        "partner_organisations": sorted(o.name for o in record.partner_organisations.all()),
        "affected_groups": [
            {"value": group, "label": group_labels.get(group, group)}
            for group in record.affected_groups
        ],
        "steps": [_step(record, number, steps.get(number)) for number in STEP_TITLES],
        "steps_completed": len(completed),
        "complete": rules.is_complete(completed),
        "assessment": (
            {"id": assessment.pk, "title": assessment.title} if assessment is not None else None
        ),
        "decision": record.decision,
        "decision_label": record.get_decision_display() if record.decision else "",
        "decision_date": when(record.decision_date),
        "review_date": when(record.review_date),
        "published": record.published,
        "equity_evidence": cited_data(cited(record.evidence_tables.all())),
        "remeasured_evidence": cited_data(cited(record.remeasured_tables.all())),
        "reviews": [
            {
                "reviewed_on": when(review.reviewed_on),
                "notes": review.notes,
                "next_review_date": when(review.next_review_date),
            }
            for review in record.reviews.all()
        ],
    }
