"""Pages about a decision record as a whole: its overview, reviews and the public register.
Starting one, its register (and the reviews overdue), history and PDF are the shared record
pages (`idmf.decisions.pages`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from idmf.core.pagination import paginate
from idmf.core.pdf import pdf_filename
from idmf.core.pdf_jobs import pdf_page
from idmf.core.permissions import (
    Perm,
    may,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import public_page
from idmf.decisions import pdfs, rules, services
from idmf.decisions.forms import (
    ReviewForm,
)
from idmf.decisions.models import DecisionRecord
from idmf.decisions.pages import PAGES, kept
from idmf.decisions.report import (
    published,
    record_report,
    record_state,
    with_parts,
)
from idmf.evidence.cited import cited


def decision_list(request, *, overdue_only=False):
    today = timezone.localdate()
    return PAGES.list_view(
        request,
        queryset=DecisionRecord.objects.filter(review_date__lt=today) if overdue_only else None,
        order_by=("review_date", "-updated_at", "-pk") if overdue_only else None,
        context={"overdue_only": overdue_only, "today": today},
    )


def overdue_reviews(request):
    return decision_list(request, overdue_only=True)


def decision_detail(request, pk):
    record = PAGES.visible(request, pk)
    report = record_report(record)
    may_edit = may(request.user, Perm.EDIT_RECORDS, record)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            **report,
            "may_edit": may_edit and not report["is_complete"],
            "may_review": may_edit and report["is_complete"],
            "may_remeasure": may_edit,
            "today": timezone.localdate(),
            "breadcrumbs": PAGES.breadcrumbs(),
        },
    )


def add_review(request, pk):
    record = PAGES.visible(request, pk, Perm.EDIT_RECORDS)
    if not rules.is_complete(record_state(record).completed):
        raise PermissionDenied("Reviews are added once all six steps are complete.")
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_decision_review(record=record, by=request.user, **form.cleaned_data)
        except AlreadyDone as done:
            messages.info(request, str(done))
            return redirect(record)
        except Refused as error:
            form.add_error("next_review_date", str(error))
        else:
            messages.success(request, "Review added")
            return redirect(record)
    return render(
        request,
        "decisions/review_form.html",
        {
            "record": record,
            "form": form,
            "remeasured": cited(record.remeasured_tables.all()),
            "may_remeasure": True,
            "breadcrumbs": PAGES.breadcrumbs(record),
        },
    )


@public_page
def public_register(request):
    records = published().select_related("organisation")
    page, querystring = paginate(request, records.order_by("-decision_date", "-pk"))
    return render(
        request,
        "decisions/public_register.html",
        {"page": page, "querystring": querystring},
    )


def _published_record(pk) -> DecisionRecord:
    return get_object_or_404(
        with_parts(DecisionRecord.objects).filter(pk__in=published().values("pk")), pk=pk
    )


@public_page
def public_record(request, pk):
    record = _published_record(pk)
    return render(
        request,
        "decisions/public_record.html",
        {
            **record_report(record, public=True),
            "breadcrumbs": [{"text": "Published decisions", "href": reverse("public_register")}],
        },
    )


@public_page
def public_record_pdf(request, pk):
    record = _published_record(pk)
    return pdf_page(
        request,
        key="public-" + kept(record),
        context=lambda: pdfs.public_page(record),
        filename=pdf_filename("published-decision", record.title),
    )
