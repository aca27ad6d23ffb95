"""Pages about a decision record as a whole: the register, starting one, its overview,
reviews, the PDF, the history and the public register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control

from idmf.actions.models import Action
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_entries
from idmf.core.pagination import paginate, render_filtered_list
from idmf.core.pdf import pdf_filename, pdf_page, state_key
from idmf.core.permissions import (
    Perm,
    has_permission_anywhere,
    may,
    require_permission,
    visible_to,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import render_history, start_record_page
from idmf.decisions import rules, services
from idmf.decisions.forms import (
    DecisionFilterForm,
    NewDecisionForm,
    ReviewForm,
)
from idmf.decisions.models import DecisionRecord, DecisionReview, DecisionStep
from idmf.decisions.report import (
    PDF_TEMPLATE,
    pdf_context,
    published,
    record_report,
    record_state,
    with_parts,
)
from idmf.decisions.views.access import breadcrumbs, visible

DECISIONS_CSV = CsvExport(
    name="decision-records",
    columns=[
        ("Title", lambda r, _: r.title),
        ("Organisation", lambda r, _: r.organisation.name),
        ("Steps complete", lambda r, _: r.steps_completed),
        ("Decision", lambda r, _: r.get_decision_display()),
        ("Decision date", lambda r, _: when(r.decision_date)),
        ("Review date", lambda r, _: when(r.review_date)),
        ("EHIIRA", lambda r, _: r.assessment.title if r.assessment else ""),
        ("Last changed", lambda r, _: when(r.updated_at)),
        LINK,
    ],
)


def decision_list(request, *, overdue_only=False):
    records = visible_to(request.user, DecisionRecord.objects.all()).select_related(
        "organisation", "assessment"
    )
    if overdue_only:
        records = records.filter(review_date__lt=timezone.localdate())
    return render_filtered_list(
        request,
        form=DecisionFilterForm(request.GET, user=request.user),
        queryset=records,
        order_by=["review_date", "-updated_at", "-pk"] if overdue_only else ["-updated_at", "-pk"],
        template="decisions/decision_list.html",
        context={
            "overdue_only": overdue_only,
            "today": timezone.localdate(),
            "may_create": has_permission_anywhere(request.user, Perm.EDIT_RECORDS),
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
        export=DECISIONS_CSV,
        columns=[
            "title",
            "kind",
            "steps_completed",
            "decision",
            "review_date",
            "updated_at",
            "organisation__name",
        ],
    )


def overdue_reviews(request):
    return decision_list(request, overdue_only=True)


@require_permission(Perm.EDIT_RECORDS)
def decision_new(request):
    def start(data):
        record = services.create_decision_record(by=request.user, **data)
        return reverse("decisions:step", args=[record.pk, 1])

    return start_record_page(
        request,
        form=NewDecisionForm(request.POST or None, user=request.user),
        start=start,
        started="Decision record started",
        template="decisions/decision_new.html",
        breadcrumbs=breadcrumbs(),
    )


def decision_detail(request, pk):
    record = visible(request, pk)
    report = record_report(record)
    may_edit = may(request.user, Perm.EDIT_RECORDS, record)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            **report,
            "may_edit": may_edit and not report["is_complete"],
            "may_review": may_edit and report["is_complete"],
            "today": timezone.localdate(),
            "breadcrumbs": breadcrumbs(),
        },
    )


def add_review(request, pk):
    record = visible(request, pk, Perm.EDIT_RECORDS)
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
        {"record": record, "form": form, "breadcrumbs": breadcrumbs(record)},
    )


def _kept(record) -> str:
    """A complete decision's PDF changes with its reviews and actions, not otherwise (its
    linked EHIIRA was approved, so it cannot change either)."""
    reviews = [(r.pk, r.reviewed_on, r.next_review_date) for r in record.reviews.all()]
    return state_key(
        record, reviews, record.assessment_id, actions=Action.objects.raised_by(record)
    )


def decision_pdf(request, pk):
    record = visible(request, pk)

    complete = rules.is_complete(record_state(record).completed)
    return pdf_page(
        request,
        key=_kept(record) if complete else None,
        template=PDF_TEMPLATE,
        context=lambda: pdf_context(record),
        filename=pdf_filename("decision", record.title),
    )


def decision_history(request, pk):
    record = visible(request, pk)
    return render_history(
        request,
        title=record.title,
        entries=history_entries(
            record.history.all(),
            DecisionStep.history.filter(record_id=record.pk),
            DecisionReview.history.filter(record_id=record.pk),
        ),
        breadcrumbs=breadcrumbs(record),
    )


@login_not_required
@cache_control(public=True, no_cache=True)
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


@login_not_required
@cache_control(public=True, no_cache=True)
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


@login_not_required
@cache_control(public=True, no_cache=True)
def public_record_pdf(request, pk):
    record = _published_record(pk)
    return pdf_page(
        request,
        key="public-" + _kept(record),
        template="decisions/pdf/public_record.html",
        context=lambda: {
            **record_report(record, public=True),
            "organisation": record.organisation,
            "record_title": record.title,
        },
        filename=pdf_filename("published-decision", record.title),
    )
