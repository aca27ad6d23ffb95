"""Pages about an EDS report as a whole: the list with each organisation's standing for the
year, its overview, the score card, the PDF and how it is scored; starting one and its
history are the shared record pages (`eds.pages`). The pages that move it through its life
are `eds.views.lifecycle`."""

from types import SimpleNamespace

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from eds import pdfs, rules, scoring
from eds.models import EdsReport
from eds.pages import PAGES
from eds.report import (
    PDF_TEMPLATE,
    built,
    page_context,
    pdf_context,
    previous_year_of,
    reference_domains,
)
from eds.views.access import may_draft
from eds.views.pages import tasks
from idmf.core.dates import nhs_date
from idmf.core.pdf import pdf_filename
from idmf.core.pdf_jobs import pdf_page
from idmf.core.permissions import (
    Perm,
    has_permission,
    organisations_for,
)
from idmf.core.status import Tag


def _standing(user, year: str) -> list[SimpleNamespace]:
    """Each organisation the user can see, with its report for `year` (the latest version)
    and whether it is late for publication by 28 February."""
    organisations = list(organisations_for(user))
    latest, published = {}, {}
    for report in EdsReport.objects.filter(organisation__in=organisations, year=year).order_by(
        "version_number"
    ):
        latest[report.organisation_id] = report
        if report.is_published:  # a correction in draft leaves its original published
            published[report.organisation_id] = report
    late = timezone.localdate() > rules.publication_deadline(year)
    rows = []
    for organisation in organisations:
        report = latest.get(organisation.pk)
        rows.append(
            SimpleNamespace(
                organisation=organisation,
                report=report,
                tag=report.tag if report else Tag("Not started", "white"),
                published=published.get(organisation.pk),
                late=late and organisation.pk not in published,
            )
        )
    return rows


def report_list(request):
    form = PAGES.filter_form(request)
    year = rules.reporting_year(timezone.localdate())
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    return PAGES.list_view(
        request,
        form=form,
        context={
            "year": year,
            "standing_caption": f"Reporting year {year}: each organisation's report, to be "
            f"published by {nhs_date(rules.publication_deadline(year))}",
            "standing": _standing(request.user, year),
        },
    )


def _replaced(report) -> bool:
    """A later version of the report is authorised or published: it replaces this one."""
    return EdsReport.objects.filter(
        organisation_id=report.organisation_id,
        year=report.year,
        version_number__gt=report.version_number,
        status__in=rules.FINAL_STATUSES,
    ).exists()


def report_detail(request, pk):
    report = PAGES.visible(request, pk)
    content = built(report)
    user = request.user
    may_edit = report.is_editable and may_draft(user, report)
    final = report.status in rules.FINAL_STATUSES
    may_approve = has_permission(user, Perm.APPROVE_RECORDS, report.organisation)
    return render(
        request,
        "eds/report_detail.html",
        {
            **page_context(report, content),
            "may_edit": may_edit,
            "tasks": tasks(report, content) if may_edit else [],
            "may_review": PAGES.may_review(user, report),
            "may_publish": may_approve
            and report.status == EdsReport.Status.AUTHORISED
            and not _replaced(report),
            "may_unpublish": may_approve and report.is_published,
            "may_next_year": final and may_draft(user, report) and not report.next_years.exists(),
            "may_new_version": final
            and may_draft(user, report)
            and not hasattr(report, "next_version"),
            "breadcrumbs": PAGES.breadcrumbs(),
        },
    )


def score_card(request, pk):
    report = PAGES.visible(request, pk)
    return render(
        request,
        "eds/score_card.html",
        {**page_context(report, built(report)), "breadcrumbs": PAGES.breadcrumbs(report)},
    )


def report_pdf(request, pk):
    report = PAGES.visible(request, pk)
    return _pdf(request, report)


def _pdf(request, report, *, public=False):
    """The report's PDF, kept once final (eds/pdfs.py)."""
    previous = previous_year_of(report, public=public)
    return pdf_page(
        request,
        key=pdfs.pdf_key(report, public=public, previous=previous),
        template=PDF_TEMPLATE,
        context=lambda: pdf_context(report, public=public, previous=previous),
        filename=pdf_filename(
            "eds",
            report.organisation.short_name or report.organisation.name,
            report.year.replace("/", "-"),
            f"v{report.version_number}",
        ),
    )


@login_not_required
def scoring_method(request):
    return render(
        request,
        "eds/scoring.html",
        {
            "domains": reference_domains(),
            "methods": scoring.Method,
            "bands": scoring.BAND_KEY,
            "breadcrumbs": [
                {"text": "Published EDS reports", "href": reverse("eds:public_register")}
            ],
        },
    )
