"""Every write to an EDS report: keyword-only, atomic, with the acting user.

Edits carry the version the editor opened; if someone saved in between, the edit is
refused (core StaleEdit) rather than silently overwriting their work.
"""

from django.db import transaction
from django.utils import timezone

from eds import rules
from eds.models import EdsOutcome, EdsReport, Objective, OutcomeGrade
from eds.report import (
    build_report,
    editors_of,
    objective_type,
    plan_actions,
    plan_objectives,
    with_parts,
)
from idmf.core import notices
from idmf.core.dates import nhs_date
from idmf.core.models import Action, Organisation, Service, person_name
from idmf.core.services import (
    AlreadyDone,
    Refused,
    lock_for_edit,
    lock_for_review,
    raise_action,
    save_edited,
    save_parts,
    save_with_history,
    use_token,
)


class ReportError(Refused):
    """A write to an EDS report that was refused."""


class SubmissionRefused(ReportError):
    """What stops submission, each a `Problem` naming the page that fixes it."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} things need to be done before you can submit")
        self.problems = problems


def _describe(report) -> str:
    return report.get_status_display().lower()


def _locked(report: EdsReport, *, expected_version: int | None) -> EdsReport:
    fresh = lock_for_edit(
        EdsReport.objects.select_related("organisation"),
        report.pk,
        expected_version=expected_version,
        noun="report",
    )
    if not fresh.is_editable:
        raise ReportError(
            f"This report is {_describe(fresh)} and cannot be changed. An authorised report "
            "is corrected by starting a new version."
        )
    return fresh


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
    fresh = _locked(report, expected_version=expected_version)
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
    fresh = _locked(report, expected_version=expected_version)
    services = list(services)
    _check_services(fresh.organisation, services)
    outside = [s for s in core20plus5_services if s not in services]
    if outside:
        raise ReportError(
            f"{outside[0]} is marked as aligned to Core20PLUS5 but is not chosen for Domain 1"
        )
    _check_actions_stay(fresh, services, domain1_grading)
    fresh.domain1_grading = EdsReport.Domain1Grading(domain1_grading)
    fresh.method = rules.Method(method)
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
    fresh = _locked(report, expected_version=expected_version)
    codes = _check_parts(fresh, values)
    for (outcome_id, _), row in values.items():
        if row["rating"] is not None:
            try:
                rules.check_rating(row["rating"])
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
    fresh = _locked(report, expected_version=expected_version)
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


@transaction.atomic
def submit_report(*, report, by) -> EdsReport:
    fresh = lock_for_edit(EdsReport.objects, report.pk, expected_version=None, noun="report")
    if fresh.status == EdsReport.Status.SUBMITTED:
        raise AlreadyDone("This report has already been submitted for authorisation")
    _locked(fresh, expected_version=None)
    built = build_report(with_parts(EdsReport.objects).get(pk=fresh.pk))
    if built.problems:
        raise SubmissionRefused(built.problems)
    fresh.status = EdsReport.Status.SUBMITTED
    fresh.submitted_at = timezone.now()
    save_edited(fresh, by=by, reason="Submitted for authorisation")
    notices.record_submitted(fresh, noun="EDS report", editors=editors_of(fresh), by=by)
    return fresh


def _locked_for(report, *, target, done: str, by, review=False, expected_version=None):
    """Locked to move to `target`; authorising and returning (`review`) only by an approver
    who did not edit it."""
    return lock_for_review(
        EdsReport.objects,
        report.pk,
        target=target,
        may_become=rules.may_become,
        by=by,
        error=ReportError,
        editors_of=editors_of if review else None,
        done=done,
        noun="a report",
        verbs="authorise or return",
        not_now="so that cannot be done now",
        expected_version=expected_version,
    )


def _reviewed(report, target, done, by, expected_version) -> EdsReport:
    return _locked_for(
        report, target=target, done=done, by=by, review=True, expected_version=expected_version
    )


@transaction.atomic
def return_report(*, report, comment: str, expected_version=None, by) -> EdsReport:
    """Returned with comments: back to draft for the EDS lead's team."""
    fresh = _reviewed(report, EdsReport.Status.DRAFT, "returned", by, expected_version)
    fresh.status = EdsReport.Status.DRAFT
    fresh.return_comment = comment
    save_edited(fresh, by=by, reason=f"Returned with comments: {comment[:150]}")
    notices.record_decided(fresh, noun="EDS report", outcome="returned", comment=comment, by=by)
    return fresh


@transaction.atomic
def authorise_report(*, report, years_active: str, expected_version=None, by) -> EdsReport:
    """Authorised on behalf of the board sponsor by the signed-in approver, now: neither
    the name nor the date is typed."""
    fresh = _reviewed(report, EdsReport.Status.AUTHORISED, "authorised", by, expected_version)
    now = timezone.now()
    fresh.status = EdsReport.Status.AUTHORISED
    fresh.authorised_by = by
    fresh.authoriser_name = person_name(by)
    fresh.authorised_at = now
    fresh.authorisation_date = nhs_date(timezone.localdate(now))
    fresh.authorised_on_behalf_of = fresh.board_sponsor
    fresh.years_active = years_active
    fresh.return_comment = ""
    save_edited(fresh, by=by, reason="Authorised")
    notices.record_decided(fresh, noun="EDS report", outcome="authorised", by=by)
    return fresh


@transaction.atomic
def publish_report(*, report, by) -> EdsReport:
    """Publish on the public register. A correction (a later version) takes the place of
    the earlier ones: they come off the register, and their actions move to it."""
    fresh = _locked_for(report, target=EdsReport.Status.PUBLISHED, done="published", by=by)
    versions = EdsReport.objects.select_for_update().filter(
        organisation_id=fresh.organisation_id, year=fresh.year
    )
    newer = versions.filter(
        version_number__gt=fresh.version_number, status__in=rules.FINAL_STATUSES
    ).first()
    if newer:
        raise ReportError(
            f"Version {newer.version_number} of this report is "
            f"{newer.get_status_display().lower()}: it replaces this one"
        )
    fresh.status = EdsReport.Status.PUBLISHED
    fresh.published_at = timezone.now()
    save_edited(fresh, by=by, reason="Published")
    for older in versions.filter(version_number__lt=fresh.version_number):
        if older.status == EdsReport.Status.PUBLISHED:
            older.status = EdsReport.Status.AUTHORISED
            save_edited(older, by=by, reason=f"Replaced by version {fresh.version_number}")
        _move_actions(older, to=fresh, by=by)
    return fresh


def _move_actions(older: EdsReport, *, to: EdsReport, by) -> None:
    """The live actions of an earlier version's plan, moved to the same outcome's (and
    service's) objective of the version that replaces it."""
    for objective in older.objectives.all():
        actions = list(Action.objects.filter(source_type=objective_type(), source_id=objective.pk))
        if not actions:
            continue
        target, _ = Objective.objects.get_or_create(
            report=to, outcome_id=objective.outcome_id, service_id=objective.service_id
        )
        for action in actions:
            action.source_id = target.pk
            save_with_history(action, by=by, reason=f"Moved to version {to.version_number}")


@transaction.atomic
def unpublish_report(*, report, by) -> EdsReport:
    fresh = _locked_for(report, target=EdsReport.Status.AUTHORISED, done="unpublished", by=by)
    fresh.status = EdsReport.Status.AUTHORISED
    return save_edited(fresh, by=by, reason="Unpublished")


HEADER_FIELDS = ["organisation", "board_sponsor", "eds_lead", "completed_by"]
SETUP_FIELDS = ["domain1_grading", "method"]


def _copy(source, draft, *, reason, by):
    save_with_history(draft, by=by, reason=reason)
    draft.partners.set(source.partners.all())
    draft.services.set(source.services.all())
    draft.core20plus5_services.set(source.core20plus5_services.all())


def completed_actions_text(source: EdsReport) -> str:
    """Last year's action plan with each action's status, to edit into "completed actions
    from previous year"."""
    built = build_report(with_parts(EdsReport.objects).get(pk=source.pk))
    lines = []
    for row in built.plan:
        for action in row.actions:
            where = f" ({row.label})" if row.label else ""
            lines.append(
                f"{row.outcome.code}{where}: {action.title} – {action.owner}, due "
                f"{nhs_date(action.due_date)}: {action.get_status_display()}"
            )
    return "\n".join(lines)


@transaction.atomic
def start_next_year(*, report, by) -> EdsReport:
    """Next year's report: the header, services and method copied, and last year's actions
    with their status as "completed actions from previous year"."""
    source = EdsReport.objects.select_for_update().get(pk=report.pk)
    if source.status not in rules.FINAL_STATUSES:
        raise ReportError("Next year's report starts from an authorised report")
    # As `create_report` does: one report per organisation and year, however many press.
    Organisation.objects.select_for_update().get(pk=source.organisation_id)
    year = rules.next_year(source.year)
    existing = EdsReport.objects.filter(organisation_id=source.organisation_id, year=year)
    if existing.exists():
        raise AlreadyDone(f"The {year} report has already been started")
    draft = EdsReport(
        **{name: getattr(source, name) for name in HEADER_FIELDS + SETUP_FIELDS},
        year=year,
        completed_actions=completed_actions_text(source),
        previous_year=source,
        created_by=by,
    )
    _copy(source, draft, reason=f"Started from the {source.year} report", by=by)
    return draft


GRADE_FIELDS = ["outcome_id", "service_id", "evidence", "rating", "owner"]


@transaction.atomic
def start_new_version(*, report, by) -> EdsReport:
    """A correction of an authorised report: a draft copy of everything. The action plan's
    actions are live, so they are not copied: the correction shows them, and they move to
    it when it is published."""
    source = EdsReport.objects.select_for_update().get(pk=report.pk)
    if source.status not in rules.FINAL_STATUSES:
        raise ReportError("Only an authorised report can be corrected by a new version")
    if EdsReport.objects.filter(previous_version=source).exists():
        raise AlreadyDone("A newer version of this report has already been started")
    draft = EdsReport(
        **{name: getattr(source, name) for name in HEADER_FIELDS + SETUP_FIELDS},
        year=source.year,
        completed_actions=source.completed_actions,
        previous_year=source.previous_year,
        previous_version=source,
        version_number=source.version_number + 1,
        created_by=by,
    )
    reason = f"New version started from version {source.version_number}"
    _copy(source, draft, reason=reason, by=by)
    for grade in source.grades.all():
        copy = OutcomeGrade(report=draft, **{n: getattr(grade, n) for n in GRADE_FIELDS})
        save_with_history(copy, by=by, reason=reason)
    for objective in source.objectives.all():
        copy = Objective(
            report=draft,
            outcome_id=objective.outcome_id,
            service_id=objective.service_id,
            text=objective.text,
        )
        save_with_history(copy, by=by, reason=reason)
    return draft


def services_offered(organisation):
    """The services a report may choose for Domain 1: its system's."""
    return Service.objects.filter(organisation__system_id=organisation.system_id).select_related(
        "organisation"
    )
