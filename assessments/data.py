"""An EHIIRA as open data: its own content (header, every Stage 1 question with its answer,
every Stage 2 group with its impact, the outcome and the approval), as the stored text, for
the JSON export that `idmf.core.exports.record_data` wraps with what every record has."""

from assessments import rules
from assessments.models import Assessment, Stage1Question, Stage2Group
from assessments.report import question_rules, snapshot_of, with_parts
from idmf.core.exports import when

# Stage 2 groups in the form's order: protected characteristics, then inclusion groups (the
# model orders by the stored kind, which puts "inclusion" first).
KIND_ORDER = {kind: position for position, kind in enumerate(Stage2Group.Kind.values)}


def _with_parts(assessment: Assessment) -> Assessment:
    """The assessment with its parts; one fetched `with_parts` already is used as it is."""
    if "answers" in getattr(assessment, "_prefetched_objects_cache", {}):
        return assessment
    return with_parts(Assessment.objects).get(pk=assessment.pk)


def _question(question: Stage1Question, answer) -> dict:
    given = answer.answer if answer else ""
    return {
        "number": question.number,
        "section": question.section.number,
        "text": question.text,
        "answer_kind": question.answer_kind,
        "answer_kind_label": question.get_answer_kind_display(),
        "answer": given,
        "answer_label": answer.get_answer_display() if given else "",
        "rationale": answer.rationale if answer else "",
    }


def _group(group: Stage2Group, impact) -> dict:
    return {
        "group": group.name,
        "kind": group.kind,
        "kind_label": group.get_kind_display(),
        "impact": impact.impact if impact else "",
        "impact_label": impact.get_impact_display() if impact and impact.impact else "",
        "evidence": impact.evidence if impact else "",
        "mitigation": impact.mitigation if impact else "",
        "equity_evidence": (
            {
                "table_id": impact.evidence_row.table_id,
                "indicator": impact.evidence_row.table.indicator,
                "group": impact.evidence_row.group,
            }
            if impact and impact.evidence_row_id
            else None
        ),
    }


def assessment_data(assessment: Assessment) -> dict:
    """The assessment's own content: every question and every Stage 2 group is listed,
    answered or not (an unanswered one with an empty answer), in the form's order."""
    assessment = _with_parts(assessment)
    questions = list(Stage1Question.objects.select_related("section").order_by("number"))
    groups = sorted(Stage2Group.objects.all(), key=lambda g: (KIND_ORDER[g.kind], g.order))
    answers = {a.question_id: a for a in assessment.answers.all()}
    impacts = {i.group_id: i for i in assessment.impacts.all()}
    snapshot = snapshot_of(assessment, actions=0)  # the actions count is not read here
    rule_list = question_rules(questions)
    triggers = rules.stage2_triggers(rule_list, snapshot.answers)
    return {
        "title": assessment.title,
        "service_area": assessment.service_area,
        "overview": assessment.overview,
        "services": sorted(service.name for service in assessment.services.all()),
        "people": [
            {"name": person.name, "job_title": person.job_title}
            for person in assessment.people.all()
        ],
        "stage1": [_question(q, answers.get(q.pk)) for q in questions],
        "stage2_requested": assessment.stage2_requested,
        "stage2_required": rules.stage2_required(
            rule_list, snapshot.answers, requested=snapshot.stage2_requested
        ),
        "stage2_triggers": [{"question": number, "reason": reason} for number, reason in triggers],
        "stage2_groups": [_group(g, impacts.get(g.pk)) for g in groups],
        "intersectional_impact": assessment.intersectional_impact,
        "outcome": assessment.outcome,
        "outcome_label": assessment.get_outcome_display() if assessment.outcome else "",
        "outcome_justification": assessment.outcome_justification,
        "submitted_at": when(assessment.submitted_at),
        "return_comment": assessment.return_comment,
        "approval": {
            "approver_comment": assessment.approver_comment,
            "approver_name": assessment.approver_name,
            "approver_role": assessment.approver_role,
            "approved_on": when(assessment.approved_on),
            "approved_at": when(assessment.approved_at),
            "approved_on_behalf_of": assessment.approved_on_behalf_of,
        },
        "previous_version": assessment.previous_version_id,
    }
