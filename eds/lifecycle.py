"""An EDS report's life after drafting, each write keyword-only, atomic, with the acting
user: submitted, returned or authorised (by an approver who did not edit it), published
and unpublished, and the reports that start from an authorised one: next year's, and a
corrected version. The drafting writes are `eds.services`.
"""

from django.db import transaction
from django.utils import timezone

from eds import pdfs, rules
from eds.models import EdsReport, Objective, OutcomeGrade
from eds.report import build_report, editors_of, objective_type, with_parts
from eds.services import ReportError, lock_draft
from idmf.actions.models import Action
from idmf.core.dates import nhs_date
from idmf.core.models import Organisation, person_name
from idmf.core.services import (
    AlreadyDone,
    NotReady,
    lock_for_review,
    mark_submitted,
    new_draft_version,
    refuse_unless_complete,
    save_edited,
    save_with_history,
)
from idmf.notices import outbox


class SubmissionRefused(NotReady, ReportError):
    """What stops submission, each a `Problem` naming the page that fixes it."""


def _ready_to_submit(fresh: EdsReport) -> None:
    lock_draft(fresh, expected_version=None)
    refuse_unless_complete(
        fresh, with_parts=with_parts, build_report=build_report, refused=SubmissionRefused
    )


@transaction.atomic
def submit_report(*, report, by) -> EdsReport:
    fresh = mark_submitted(
        EdsReport.objects,
        report.pk,
        noun="report",
        ready=_ready_to_submit,
        by=by,
        reason="Submitted for authorisation",
    )
    outbox.record_submitted(fresh, noun="EDS report", editors=editors_of(fresh), by=by)
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
    outbox.record_decided(fresh, noun="EDS report", outcome="returned", comment=comment, by=by)
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
    outbox.record_decided(fresh, noun="EDS report", outcome="authorised", by=by)
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
    pdfs.prepare_public(fresh, by=by)  # made now: the public never waits for it
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
    year = rules.year_after(source.year, today=timezone.localdate())
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
    source, draft, reason = new_draft_version(
        EdsReport.objects.select_for_update(),
        report.pk,
        is_final=lambda r: r.status in rules.FINAL_STATUSES,
        refusal=ReportError("Only an authorised report can be corrected by a new version"),
        noun="report",
        copied=lambda r: {
            name: getattr(r, name)
            for name in [
                *HEADER_FIELDS,
                *SETUP_FIELDS,
                "year",
                "completed_actions",
                "previous_year",
            ]
        },
        by=by,
    )
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
