"""The EDS part of the health-equity dashboard: each organisation's overall and domain
totals by year, with their bands (from its final report: authorised or published, the latest
version), and which organisations have not published this year's report by its deadline."""

from django.core.cache import cache
from django.utils import timezone

from eds import rules
from eds.models import EdsReport
from eds.report import reference_domains, score_card_of, with_parts
from idmf.core.dashboard import Bar, Chart, Figure, Panel, Scope
from idmf.core.dates import nhs_date
from idmf.core.models import Organisation

CARD_SECONDS = 24 * 60 * 60


def final_reports(scope: Scope) -> list[EdsReport]:
    """Each organisation's final report of each year (its latest final version), with its
    organisation: one query of the report rows, no parts."""
    reports = (
        EdsReport.objects.filter(
            organisation_id__in=scope.organisation_ids, status__in=rules.FINAL_STATUSES
        )
        .select_related("organisation")
        .order_by("year", "organisation__name", "-version_number")
    )
    latest: dict[tuple[int, str], EdsReport] = {}
    for report in reports:
        latest.setdefault((report.organisation_id, report.year), report)
    return list(latest.values())


def score_cards(reports: list[EdsReport]) -> dict[int, rules.ScoreCard]:
    """Each final report's score card. A final report never changes (a change is a new
    version), so its card is kept in the cache under its id and version: the reports whose
    cards are not kept yet are fetched with their parts, together."""
    keys = {report.pk: f"eds-score-card:{report.pk}:v{report.version}" for report in reports}
    kept = cache.get_many(list(keys.values()))
    cards = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in keys if pk not in cards]
    if missing:
        domains = reference_domains()
        for report in with_parts(EdsReport.objects.filter(pk__in=missing)):
            cards[report.pk] = score_card_of(report, domains)
        cache.set_many({keys[pk]: cards[pk] for pk in missing}, CARD_SECONDS)
    return cards


def eds_panel(scope: Scope) -> Panel:
    reports = final_reports(scope)
    cards = score_cards(reports)
    rows = [{"report": report, "card": cards[report.pk]} for report in reports]
    bars = [
        Bar(
            f"{row['report'].organisation.short_name or row['report'].organisation.name} "
            f"{row['report'].year}",
            float(row["card"].overall.value) if row["card"].overall else 0,
            url=row["report"].get_absolute_url(),
            text=(
                f"{row['card'].overall} ({row['card'].band.label})"
                if row["card"].overall
                else "Not complete"
            ),
        )
        for row in rows
    ]
    year = rules.reporting_year(timezone.localdate())
    deadline = rules.publication_deadline(year)
    published = EdsReport.objects.filter(year=year, status=EdsReport.Status.PUBLISHED).values(
        "organisation_id"
    )
    missing = Organisation.objects.filter(pk__in=scope.organisation_ids).exclude(pk__in=published)
    chart = Chart(
        title="EDS overall rating by year",
        summary=(
            f"{len(rows)} authorised or published report{'s' if len(rows) != 1 else ''}"
            + (f"; the latest, {bars[-1].label}: {bars[-1].text}." if bars else ".")
        ),
        bars=bars,
        unit="Overall rating (out of 33)",
    )
    latest = rows[-1] if rows else None
    return Panel(
        order=30,
        title="EDS 2022",
        template="eds/dashboard.html",
        key="eds",
        headline=[
            Figure(
                "EDS 2022 rating",
                f"{bars[-1].label}: {bars[-1].text}"
                if latest
                else "No authorised or published EDS report yet",
                latest["report"].get_absolute_url() if latest else scope.link("eds:index"),
            )
        ],
        context={
            "chart": chart,
            "rows": rows,
            "year": year,
            "deadline": nhs_date(deadline),
            "deadline_passed": timezone.localdate() > deadline,
            "missing": list(missing),
            "year_url": scope.link("eds:index", year=year),
        },
    )
