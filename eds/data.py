"""An EDS report as open data: its own content (the header, every outcome's grades with the
outcome's code, the score card as the report computes it, and the action plan's objectives),
as the stored text, for the JSON export that `idmf.core.exports.record_data` wraps with what
every record has.

Scores are exact fractions (a mean of thirds): each is given as a JSON number (`value`), the
exact fraction as text (`exact`, "7/3"), the number as the report shows it (`text`) and its
working."""

from fractions import Fraction

from eds import rules, scoring
from eds.models import EdsReport
from eds.report import build_report, with_parts
from idmf.core.exports import when


def _with_parts(report: EdsReport) -> EdsReport:
    """The report with its parts; one fetched `with_parts` already is used as it is."""
    if "grades" in getattr(report, "_prefetched_objects_cache", {}):
        return report
    return with_parts(EdsReport.objects).get(pk=report.pk)


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def score_data(score: scoring.Score | None) -> dict | None:
    if score is None:
        return None
    return {
        "value": _number(score.value),
        "exact": str(score.value),
        "text": str(score),
        "working": score.working,
    }


def _band(band: scoring.Band | None) -> dict:
    return {"band": band.value if band else None, "band_label": band.label if band else None}


def _card(card: rules.ScoreCard) -> dict:
    return {
        "method": card.method.value,
        "method_label": card.method.label,
        "per_service": card.per_service,
        "domains": [
            {
                "number": domain.number,
                "title": domain.title,
                "outcomes": [
                    {"code": line.code, "score": score_data(line.score)} for line in domain.outcomes
                ],
                "total": score_data(domain.total),
                "average": score_data(domain.average),
                "average_words": domain.average_words or None,
                "so_far": score_data(domain.so_far),
                "unrated": list(domain.unrated),
            }
            for domain in card.domains
        ],
        "overall": score_data(card.overall),
        **_band(card.band),
        "so_far": score_data(card.so_far),
    }


def _grade(code: str, domain: int, service, grade) -> dict:
    rating = grade.rating if grade else None
    return {
        "outcome": code,
        "domain": domain,
        "service": service.name if service else None,
        "service_id": service.pk if service else None,
        "rating": rating,
        "rating_label": scoring.Rating(rating).label if rating is not None else None,
        "evidence": grade.evidence if grade else "",
        "equity_evidence_table_id": grade.evidence_table_id if grade else None,
        "owner": grade.owner if grade else "",
    }


def report_data(report: EdsReport) -> dict:
    """The report's own content. Its grades are the parts the report is rated in: Domain 1
    for each chosen service (or once, across them), Domains 2 and 3 once; a part not yet
    rated has rating null. What was typed for a service since unticked is not the report's,
    and is left out, as on its page."""
    report = _with_parts(report)
    content = build_report(report)
    grades = []
    for table in content.domains:
        by_service = table.domain.number == 1 and report.per_service
        columns = content.services if by_service else [None]
        for row in table.rows:
            for service, part in zip(columns, row.parts, strict=True):
                grades.append(_grade(row.outcome.code, table.domain.number, service, part.grade))
    return {
        "year": report.year,
        "board_sponsor": report.board_sponsor,
        "eds_lead": report.eds_lead,
        "completed_by": report.completed_by,
        "completed_by_label": report.get_completed_by_display(),
        "partners": sorted(o.name for o in report.partners.all()),
        "completed_actions": report.completed_actions,
        "services": [service.name for service in content.services],
        "core20plus5_services": sorted(s.name for s in report.core20plus5_services.all()),
        "domain1_grading": report.domain1_grading,
        "domain1_grading_label": report.get_domain1_grading_display(),
        "method": report.method,
        "method_label": report.get_method_display(),
        "grades": grades,
        "score_card": _card(content.card),
        "action_plan": [
            {
                "outcome": row.outcome.code,
                "service": row.objective.service.name if row.objective.service else None,
                "service_id": row.objective.service_id,
                "objective": row.objective.text,
            }
            for row in content.plan
            if row.objective is not None
        ],
        "submitted_at": when(report.submitted_at),
        "return_comment": report.return_comment,
        "authorisation": {
            "authoriser_name": report.authoriser_name,
            "authorised_at": when(report.authorised_at),
            "authorisation_date": report.authorisation_date,
            "authorised_on_behalf_of": report.authorised_on_behalf_of,
        },
        "years_active": report.years_active,
        "published_at": when(report.published_at),
        "previous_year": report.previous_year_id,
        "previous_version": report.previous_version_id,
    }
