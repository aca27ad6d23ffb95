"""Pages about an EDS report as a whole: the list with each organisation's standing for the
year, starting one, its overview, the score card, the PDF, the history and how it is
scored. The pages that move it through its life are `eds.views.lifecycle`."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from eds import rules, scoring, services
from eds.forms import NewReportForm, ReportFilterForm
from eds.models import EdsReport, Objective, OutcomeGrade
from eds.report import (
    PDF_TEMPLATE,
    built,
    objective_type,
    page_context,
    pdf_context,
    plan_actions,
    previous_year_of,
    reference_domains,
)
from eds.views.access import DRAFTERS, breadcrumbs, may_draft, may_draft_in, may_review, visible
from eds.views.pages import tasks
from idmf.core.dates import nhs_date
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_entries
from idmf.core.models import Action
from idmf.core.pagination import render_filtered_list
from idmf.core.pdf import pdf_filename, pdf_page, state_key
from idmf.core.permissions import (
    Perm,
    has_permission,
    has_permission_anywhere,
    organisations_for,
    visible_to,
)
from idmf.core.services import Refused
from idmf.core.status import Tag
from idmf.core.views import render_history


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


REPORTS_CSV = CsvExport(
    name="eds-reports",
    columns=[
        ("Organisation", lambda r, _: r.organisation.name),
        ("Reporting year", lambda r, _: r.year),
        ("Status", lambda r, _: r.get_status_display()),
        ("Version", lambda r, _: r.version_number),
        ("Authorised", lambda r, _: when(r.authorised_at)),
        ("Published", lambda r, _: when(r.published_at)),
        LINK,
    ],
)


def report_list(request):
    form = ReportFilterForm(request.GET, user=request.user)
    year = rules.reporting_year(timezone.localdate())
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    return render_filtered_list(
        request,
        form=form,
        queryset=visible_to(request.user, EdsReport.objects.all()).select_related("organisation"),
        order_by=["-year", "organisation__name", "-version_number"],
        template="eds/report_list.html",
        context={
            "year": year,
            "standing_caption": f"Reporting year {year}: each organisation's report, to be "
            f"published by {nhs_date(rules.publication_deadline(year))}",
            "standing": _standing(request.user, year),
            "may_create": any(has_permission_anywhere(request.user, p) for p in DRAFTERS),
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
        export=REPORTS_CSV,
    )


def report_new(request):
    allowed = [o.pk for o in organisations_for(request.user) if may_draft_in(request.user, o)]
    organisations = organisations_for(request.user).filter(pk__in=allowed)
    if not allowed:
        raise PermissionDenied("Only an organisation's authors and approvers start its report")
    form = NewReportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(by=request.user, **form.cleaned_data)
        except Refused as error:
            form.add_error("year", str(error))
        else:
            messages.success(request, f"EDS report for {report.year} started")
            return redirect("eds:page", pk=report.pk, slug="about")
    return render(request, "eds/report_new.html", {"form": form, "breadcrumbs": breadcrumbs()})


def _replaced(report) -> bool:
    """A later version of the report is authorised or published: it replaces this one."""
    return EdsReport.objects.filter(
        organisation_id=report.organisation_id,
        year=report.year,
        version_number__gt=report.version_number,
        status__in=rules.FINAL_STATUSES,
    ).exists()


def report_detail(request, pk):
    report = visible(request, pk)
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
            "may_review": may_review(user, report),
            "may_publish": may_approve
            and report.status == EdsReport.Status.AUTHORISED
            and not _replaced(report),
            "may_unpublish": may_approve and report.is_published,
            "may_next_year": final and may_draft(user, report) and not report.next_years.exists(),
            "may_new_version": final
            and may_draft(user, report)
            and not hasattr(report, "next_version"),
            "breadcrumbs": breadcrumbs(),
        },
    )


def score_card(request, pk):
    report = visible(request, pk)
    return render(
        request,
        "eds/score_card.html",
        {**page_context(report, built(report)), "breadcrumbs": breadcrumbs(report)},
    )


def report_pdf(request, pk):
    report = visible(request, pk)
    return _pdf(request, report)


def _pdf(request, report, *, public=False):
    """A final report's PDF is kept: it changes only with its actions and last year's
    report beside it (which version, and whether published)."""
    previous = previous_year_of(report, public=public)
    key = None
    if report.status in rules.FINAL_STATUSES:
        beside = (previous.pk, previous.version) if previous else None
        key = ("public-" if public else "") + state_key(
            report, beside, actions=plan_actions(report)
        )
    return pdf_page(
        request,
        key=key,
        template=PDF_TEMPLATE,
        context=lambda: pdf_context(report, public=public, previous=previous),
        filename=pdf_filename(
            "eds",
            report.organisation.short_name or report.organisation.name,
            report.year.replace("/", "-"),
            f"v{report.version_number}",
        ),
    )


def report_history(request, pk):
    report = visible(request, pk)
    return render_history(
        request,
        title=str(report),
        entries=history_entries(
            report.history.all(),
            OutcomeGrade.history.filter(report_id=report.pk),
            Objective.history.filter(report_id=report.pk),
            Action.history.filter(
                source_type=objective_type(), source_id__in=[o.pk for o in report.objectives.all()]
            ),
        ),
        breadcrumbs=breadcrumbs(report),
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
