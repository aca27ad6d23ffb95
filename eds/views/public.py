"""The public register of published EDS reports: no login, and a report comes off it the
moment it is unpublished."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from eds.models import EdsReport
from eds.report import built, page_context, reference_domains, score_card_of, with_parts
from eds.views.records import _pdf
from idmf.core.models import Service
from idmf.core.pagination import paginate


def _on_the_register():
    return EdsReport.objects.filter(status=EdsReport.Status.PUBLISHED)


def _published():
    return with_parts(_on_the_register())


def _listed():
    """Published reports with what their score cards read (their services and grades), not
    the parts a report's own page shows."""
    return (
        _on_the_register()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.select_related("organisation")),
            "grades",
        )
    )


@login_not_required
def public_register(request):
    page, querystring = paginate(request, _listed().order_by("-year", "organisation__name"))
    domains = reference_domains()
    rows = [{"report": report, "card": score_card_of(report, domains)} for report in page]
    return render(
        request,
        "eds/public_register.html",
        {"page": page, "rows": rows, "querystring": querystring},
    )


def _crumbs():
    return [{"text": "Published EDS reports", "href": reverse("eds:public_register")}]


@login_not_required
def public_report(request, pk):
    report = get_object_or_404(_published(), pk=pk)
    return render(
        request,
        "eds/public_report.html",
        {
            **page_context(report, built(report, public=True)),
            "public": True,
            "breadcrumbs": _crumbs(),
        },
    )


@login_not_required
@cache_control(private=True, no_store=True)
def public_report_pdf(request, pk):
    return _pdf(request, get_object_or_404(_published(), pk=pk), public=True)
