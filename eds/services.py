"""Every write to an EDS report: keyword-only, atomic, with the acting user.

Edits carry the version the editor opened; if someone saved in between, the edit is
refused (core StaleEdit) rather than silently overwriting their work.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from eds import rules
from eds.models import EdsOutcome, EdsReport, Objective, OutcomeGrade
from eds.report import build_report, editors_of, with_parts
from idmf.core.dates import nhs_date
from idmf.core.models import Action, Organisation, Service
from idmf.core.services import (
    AlreadyDone,
    Refused,
    create_action,
    lock_for_edit,
    lock_for_review,
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
    fresh.domain1_grading = EdsReport.Domain1Grading(domain1_grading)
    fresh.method = rules.Method(method)
    save_edited(fresh, by=by, reason="Domain 1 services saved")
    fresh.services.set(services)
    fresh.core20plus5_services.set(core20plus5_services)
    return fresh


@transaction.atomic
def save_grades(*, report, expected_version, values: dict, by) -> EdsReport:
    """`values` maps (outcome id, service id or None) to {"evidence", "rating", "owner"}."""
    fresh = _locked(report, expected_version=expected_version)
    chosen = set(fresh.services.values_list("pk", flat=True))
    outcomes = dict(EdsOutcome.objects.values_list("pk", "code"))
    for (outcome_id, service_id), row in values.items():
        if outcome_id not in outcomes:
            raise ReportError("That is not an EDS outcome")
        if service_id is not None and service_id not in chosen:
            raise ReportError(
                f"Outcome {outcomes[outcome_id]} can only be rated for the services chosen "
                "for Domain 1"
            )
        if row["rating"] is not None:
            try:
                rules.check_rating(row["rating"])
            except ValueError as error:
                raise ReportError(f"Outcome {outcomes[outcome_id]}: {error}") from None
    save_parts(
        fresh.grades, key=("outcome_id", "service_id"), rows=values, reason="Grades saved", by=by
    )
    return save_edited(fresh, by=by, reason="Grades saved")


@transaction.atomic
def save_action_plan(*, report, expected_version, objectives: dict, action=None, by):
    """Save every objective typed (`objectives` maps (outcome id, service id or None) to
    {"text": …}) and, if `action` is given, add it to the plan of its (outcome, service):
    {"row": (outcome id, service id), "title", "owner", "due_date", "submission"}."""
    fresh = _locked(report, expected_version=expected_version)
    save_parts(
        fresh.objectives,
        key=("outcome_id", "service_id"),
        rows=objectives,
        reason="Action plan saved",
        by=by,
    )
    added = None
    if action:
        use_token(action["submission"], already=f"The action “{action['title']}” was already added")
        outcome_id, service_id = action["row"]
        objective = Objective.objects.filter(
            report=fresh, outcome_id=outcome_id, service_id=service_id
        ).first() or save_with_history(
            Objective(report=fresh, outcome_id=outcome_id, service_id=service_id),
            by=by,
            reason="Action plan saved",
        )
        added = create_action(
            organisation=fresh.organisation,
            title=action["title"],
            owner=action["owner"],
            due_date=action["due_date"],
            source=objective,
            by=by,
        )
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
    return save_edited(fresh, by=by, reason="Submitted for authorisation")


def _locked_for(report, *, target, done: str, by, review=False) -> EdsReport:
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
    )


@transaction.atomic
def return_report(*, report, comment: str, by) -> EdsReport:
    """Returned with comments: back to draft for the EDS lead's team."""
    fresh = _locked_for(report, target=EdsReport.Status.DRAFT, done="returned", by=by, review=True)
    fresh.status = EdsReport.Status.DRAFT
    fresh.return_comment = comment
    return save_edited(fresh, by=by, reason=f"Returned with comments: {comment[:150]}")


@transaction.atomic
def authorise_report(*, report, years_active: str, by) -> EdsReport:
    """Authorised on behalf of the board sponsor by the signed-in approver, now: neither
    the name nor the date is typed."""
    fresh = _locked_for(
        report, target=EdsReport.Status.AUTHORISED, done="authorised", by=by, review=True
    )
    now = timezone.now()
    fresh.status = EdsReport.Status.AUTHORISED
    fresh.authorised_by = by
    fresh.authoriser_name = by.get_full_name() or by.get_username()
    fresh.authorised_at = now
    fresh.authorisation_date = nhs_date(timezone.localdate(now))
    fresh.authorised_on_behalf_of = fresh.board_sponsor
    fresh.years_active = years_active
    fresh.return_comment = ""
    return save_edited(fresh, by=by, reason="Authorised")


@transaction.atomic
def publish_report(*, report, by) -> EdsReport:
    """Publish on the public register; an earlier version of the same year comes off it."""
    fresh = _locked_for(report, target=EdsReport.Status.PUBLISHED, done="published", by=by)
    fresh.status = EdsReport.Status.PUBLISHED
    fresh.published_at = timezone.now()
    save_edited(fresh, by=by, reason="Published")
    for older in EdsReport.objects.select_for_update().filter(
        organisation_id=fresh.organisation_id,
        year=fresh.year,
        status=EdsReport.Status.PUBLISHED,
        version_number__lt=fresh.version_number,
    ):
        older.status = EdsReport.Status.AUTHORISED
        save_edited(older, by=by, reason=f"Replaced by version {fresh.version_number}")
    return fresh


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
    """A correction of an authorised report: a draft copy of everything, with the action
    plan's actions moved to it (they are live actions, not copied twice)."""
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
    objective_type = ContentType.objects.get_for_model(Objective)
    for objective in source.objectives.all():
        copy = Objective(
            report=draft,
            outcome_id=objective.outcome_id,
            service_id=objective.service_id,
            text=objective.text,
        )
        save_with_history(copy, by=by, reason=reason)
        for action in Action.objects.filter(source_type=objective_type, source_id=objective.pk):
            action.source_id = copy.pk
            save_with_history(action, by=by, reason=f"Moved to version {draft.version_number}")
    return draft


def services_offered(organisation):
    """The services a report may choose for Domain 1: its system's."""
    return Service.objects.filter(organisation__system_id=organisation.system_id).select_related(
        "organisation"
    )
