"""EDS reports for tests, and helpers that grade them through the services (so history
and versions are as a user's pages leave them)."""

import datetime
import itertools

import factory

from eds import lifecycle, services
from eds.models import EdsOutcome, EdsReport
from tests.core.factories import OrganisationRecordFactory, ServiceFactory

SERVICE_NUMBERS = itertools.count(1)


def free_year(organisation) -> str:
    """The first reporting year the organisation has no report for: even years first (so
    that "start next year's report" never meets a factory-made one), odd years after."""
    used = set(EdsReport.objects.filter(organisation=organisation).values_list("year", flat=True))
    for start in [*range(2000, 2101, 2), *range(2001, 2100, 2)]:
        year = f"{start}/{(start + 1) % 100:02d}"
        if year not in used:
            return year
    raise RuntimeError(f"{organisation} has a report for every year")


class EdsReportFactory(OrganisationRecordFactory):
    class Meta:
        model = EdsReport

    year = factory.LazyAttribute(lambda report: free_year(report.organisation))
    board_sponsor = "Dr Ada Sponsor, Chief Nurse"
    eds_lead = "Sam Lead, Head of EDI"


def two_services(organisation):
    """Two services of the organisation, the first aligned to Core20PLUS5."""
    n = next(SERVICE_NUMBERS)
    first = ServiceFactory(organisation=organisation, name=f"Perinatal {n}", core20plus5_area="smi")
    second = ServiceFactory(organisation=organisation, name=f"Maternity {n}")
    return [first, second]


def choose(report, chosen=None, *, by, aligned=None, grading="per_service", method="mean_rounded"):
    """Choose the services `chosen` (by default, two new ones of the report's organisation,
    the first aligned to Core20PLUS5) and return them."""
    chosen = two_services(report.organisation) if chosen is None else chosen
    services.save_services(
        report=report,
        expected_version=EdsReport.objects.get(pk=report.pk).version,
        services=chosen,
        core20plus5_services=chosen[:1] if aligned is None else aligned,
        domain1_grading=grading,
        method=method,
        by=by,
    )
    return chosen


def grade(report, ratings, *, by, evidence="Evidence seen", owner="EDI team"):
    """`ratings` maps an outcome code, or (code, service), to a rating."""
    outcomes = dict(EdsOutcome.objects.values_list("code", "pk"))
    values = {}
    for key, rating in ratings.items():
        code, service = key if isinstance(key, tuple) else (key, None)
        values[(outcomes[code], service.pk if service else None)] = {
            "evidence": evidence if rating else "",
            "rating": rating,
            "owner": owner,
        }
    return services.save_grades(
        report=report,
        expected_version=EdsReport.objects.get(pk=report.pk).version,
        values=values,
        by=by,
    )


def fully_graded(report, *, by, per_service=(1, 2), others=1):
    """Services chosen and every outcome rated: Domain 1 per service with `per_service`."""
    chosen = choose(report, by=by)
    codes = EdsOutcome.objects.order_by("order").values_list("code", "domain_id")
    ratings = {}
    for code, domain in codes:
        if domain == 1:
            for service, rating in zip(chosen, per_service, strict=True):
                ratings[(code, service)] = rating
        else:
            ratings[code] = others
    grade(report, ratings, by=by)
    return chosen


def add_action(
    report, row, *, by, title, owner, objectives=None, expected_version=None, submission=None
):
    """Add an action due on DUE to the plan of `row` ((outcome id, service id or None)),
    saving `objectives` ((outcome id, service id or None) to {"text": …}) with it."""
    return services.save_action_plan(
        report=report,
        expected_version=expected_version,
        objectives=objectives or {},
        action={
            "row": row,
            "title": title,
            "owner": owner,
            "due_date": DUE,
            "submission": submission,
        },
        by=by,
    )


def authorised(report, *, author, approver, years="2026/27"):
    lifecycle.submit_report(report=report, by=author)
    return lifecycle.authorise_report(report=report, years_active=years, by=approver)


DUE = datetime.date(2026, 9, 30)
