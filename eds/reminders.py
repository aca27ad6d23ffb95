"""The EDS reminder: a month before the publication deadline, the EDS leads' teams (the
approvers and organisation admins) of every organisation that has not published this
year's report are told, once."""

from datetime import date

from eds import rules
from eds.models import EdsReport
from idmf.core.dates import nhs_date
from idmf.core.models import Organisation, Role
from idmf.core.permissions import members_of
from idmf.notices import outbox
from idmf.notices.models import NoticeKind


def eds_publication_due(*, today: date) -> int:
    """Queue the reminders due `today`; how many were queued."""
    year = rules.reporting_year(today)
    if not rules.reminder_due(year, today=today):
        return 0
    published = EdsReport.objects.filter(year=year, status=EdsReport.Status.PUBLISHED).values(
        "organisation_id"
    )
    deadline = nhs_date(rules.publication_deadline(year))
    queued = 0
    for organisation in Organisation.objects.exclude(pk__in=published).select_related("system"):
        leads = members_of(organisation, roles=[Role.APPROVER, Role.ORGANISATION_ADMIN])
        queued += len(
            outbox.notify(
                NoticeKind.EDS_DUE,
                users=list(leads),
                organisation=organisation,
                key=f"eds:{organisation.pk}:{year}:due",
                subject=f"EDS {year} for {organisation} is due to be published by {deadline}",
                body=(
                    f"{organisation} has not yet published its EDS 2022 report for {year}. "
                    f"Reports are published by {deadline}.\n\n"
                    f"{outbox.link('/eds/')}\n"
                ),
            )
        )
    return queued
