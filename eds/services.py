"""The writes that draft an EDS report: keyword-only, atomic, with the acting user.
Submitting, reviewing, publishing and the reports started from an authorised one are
`eds.lifecycle`.

Edits carry the version the editor opened; if someone saved in between, the edit is
refused (core StaleEdit) rather than silently overwriting their work.
"""

from django.db import transaction

from eds import rules, scoring
from eds.models import EdsOutcome, EdsReport, Objective
from eds.report import plan_actions, plan_objectives
from idmf.actions.models import Action
from idmf.actions.services import raise_action
from idmf.core.models import Organisation, Service
from idmf.core.services import (
    Refused,
    lock_editable,
    save_edited,
    save_parts,
    save_with_history,
    use_token,
)


class ReportError(Refused):
    """A write to an EDS report that was refused."""


def lock_draft(report: EdsReport, *, expected_version: int | None) -> EdsReport:
    """The report, locked for a write, refused unless it is still editable."""
    return lock_editable(
        EdsReport.objects.select_related("organisation"),
        report.pk,
        expected_version=expected_version,
        noun="report",
        error=ReportError,
        instead="An authorised report is corrected by starting a new version.",
    )


def _check_year(year: str) -> str:
    year = year.strip()
    problem = rules.year_problem(year)
    if problem:
        raise ReportError(problem)
    return year


def _check_unique(organisation, year) -> None:
    existing = EdsReport.objects.filter(organisation=organisation, year=year).first()
    if existing:
        raise ReportError(
            f"{organisation} already has an EDS report for {year}: open it from the list, "
            "or choose another year"
        )


@transaction.atomic
def create_report(*, organisation, year, by) -> EdsReport:
    year = _check_year(year)
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    _check_unique(organisation, year)
    report = EdsReport(organisation=organisation, year=year, created_by=by)
    return save_with_history(report, by=by, reason="Report started")


def _check_partners(organisation, partners) -> None:
    for partner in partners:
        if partner.system_id != organisation.system_id:
            raise ReportError(
                f"{partner} is not in {organisation.system}: partners are organisations of "
                "the same integrated care system"
            )
        if partner.pk == organisation.pk:
            raise ReportError("The organisation cannot be its own partner")


@transaction.atomic
def save_header(
    *,
    report,
    expected_version,
    board_sponsor,
    eds_lead,
    completed_by,
    partners,
    completed_actions,
    by,
) -> EdsReport:
    fresh = lock_draft(report, expected_version=expected_version)
    partners = list(partners) if completed_by == EdsReport.CompletedBy.PARTNERSHIP else []
    _check_partners(fresh.organisation, partners)
    fresh.board_sponsor, fresh.eds_lead = board_sponsor, eds_lead
    fresh.completed_by, fresh.completed_actions = completed_by, completed_actions
    save_edited(fresh, by=by, reason="Report details saved")
    fresh.partners.set(partners)
    return fresh


def _check_services(organisation, services) -> None:
    for service in services:
        if service.organisation.system_id != organisation.system_id:
            raise ReportError(
                f"{service} is not a service of {organisation.system}: Domain 1 assesses "
                "services the organisation or its system provides or commissions"
            )


def _check_actions_stay(fresh: EdsReport, services, grading: str) -> None:
    """A service unticked keeps what was typed for it (ticked again, it is back); but its
    open actions would drop out of the action plan, so that is refused while it has any."""
    per_service = grading == EdsReport.Domain1Grading.PER_SERVICE
    chosen = {service.pk for service in services}
    open_sources = set(
        plan_actions(fresh)
        .filter(status__in=Action.OPEN_STATUSES)
        .values_list("source_id", flat=True)
    )
    stranded = []
    for objective in (
        plan_objectives(fresh).filter(pk__in=open_sources).select_related("outcome", "service")
    ):
        if objective.outcome.domain_id == 1 and per_service:
            shown = objective.service_id in chosen
        else:
            shown = objective.service_id is None
        if not shown:
            where = f" – {objective.service.name}" if objective.service else ""
            stranded.append(f"{objective.outcome.code}{where}")
    if stranded:
        raise ReportError(
            f"The open actions of {', '.join(stranded)} would no longer show in the action "
            "plan. Keep those services and the way Domain 1 is rated, or mark the actions "
            "done or cancelled first."
        )


@transaction.atomic
def save_services(
    *, report, expected_version, services, core20plus5_services, domain1_grading, method, by
) -> EdsReport:
    fresh = lock_draft(report, expected_version=expected_version)
    services = list(services)
    _check_services(fresh.organisation, services)
    outside = [s for s in core20plus5_services if s not in services]
    if outside:
        raise ReportError(
            f"{outside[0]} is marked as aligned to Core20PLUS5 but is not chosen for Domain 1"
        )
    _check_actions_stay(fresh, services, domain1_grading)
    fresh.domain1_grading = EdsReport.Domain1Grading(domain1_grading)
    fresh.method = scoring.Method(method)
    save_edited(fresh, by=by, reason="Domain 1 services saved")
    fresh.services.set(services)
    fresh.core20plus5_services.set(core20plus5_services)
    return fresh


def _check_parts(fresh: EdsReport, keys) -> dict[int, str]:
    """Each (outcome id, service id or None) a page sends must be a part the report has:
    Domain 1 for each chosen service when rated per service, else once; Domains 2 and 3
    once. The outcomes' codes, for messages."""
    chosen = set(fresh.services.values_list("pk", flat=True))
    outcomes = {pk: (code, domain) for pk, code, domain in EdsOutcome.objects.values_list(
        "pk", "code", "domain_id"
    )}  # fmt: skip
    for outcome_id, service_id in keys:
        if outcome_id not in outcomes:
            raise ReportError("That is not an EDS outcome")
        code, domain = outcomes[outcome_id]
        by_service = domain == 1 and fresh.per_service
        if by_service and service_id not in chosen:
            raise ReportError(
                f"Outcome {code} can only be rated for the services chosen for Domain 1"
            )
        if not by_service and service_id is not None:
            raise ReportError(f"Outcome {code} is rated once, not for each service")
    return {pk: code for pk, (code, _) in outcomes.items()}


@transaction.atomic
def save_grades(*, report, expected_version, values: dict, by) -> EdsReport:
    """`values` maps (outcome id, service id or None) to {"evidence", "rating", "owner"}."""
    fresh = lock_draft(report, expected_version=expected_version)
    codes = _check_parts(fresh, values)
    for (outcome_id, _), row in values.items():
        if row["rating"] is not None:
            try:
                scoring.check_rating(row["rating"])
            except ValueError as error:
                raise ReportError(f"Outcome {codes[outcome_id]}: {error}") from None
    save_parts(
        fresh.grades, key=("outcome_id", "service_id"), rows=values, reason="Grades saved", by=by
    )
    return save_edited(fresh, by=by, reason="Grades saved")


@transaction.atomic
def save_action_plan(*, report, expected_version, objectives: dict, action=None, by):
    """Save every objective typed (`objectives` maps (outcome id, service id or None) to
    {"text": …}) and, if `action` is given, add it to the plan of its (outcome, service):
    {"row": (outcome id, service id), "title", "owner", "due_date", "submission"}."""
    if action:  # a second press of the same form: the first added it (and saved the rest)
        use_token(action["submission"], already=f"The action “{action['title']}” was already added")
    fresh = lock_draft(report, expected_version=expected_version)
    _check_parts(fresh, [*objectives, *([action["row"]] if action else [])])
    save_parts(
        fresh.objectives,
        key=("outcome_id", "service_id"),
        rows=objectives,
        reason="Action plan saved",
        by=by,
    )
    added = None
    if action:
        outcome_id, service_id = action["row"]
        objective = Objective.objects.filter(
            report=fresh, outcome_id=outcome_id, service_id=service_id
        ).first() or save_with_history(
            Objective(report=fresh, outcome_id=outcome_id, service_id=service_id),
            by=by,
            reason="Action plan saved",
        )
        added = raise_action(action, organisation=fresh.organisation, source=objective, by=by)
    save_edited(
        fresh, by=by, reason=f"Action added: {added.title}" if added else "Action plan saved"
    )
    return added


def services_offered(organisation):
    """The services a report may choose for Domain 1: its system's."""
    return Service.objects.filter(organisation__system_id=organisation.system_id).select_related(
        "organisation"
    )
