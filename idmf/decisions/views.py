from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from assessments.report import build_report
from assessments.report import with_parts as assessment_with_parts
from idmf.core.forms import ActionForm
from idmf.core.history import history_entries
from idmf.core.pagination import paginate, render_filtered_list
from idmf.core.pdf import pdf_filename, pdf_response, render_pdf
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission,
    has_permission_anywhere,
    require_permission,
    visible_to,
)
from idmf.core.services import Refused
from idmf.core.views import render_history, start_record_page, tool_breadcrumbs
from idmf.decisions import rules, services
from idmf.decisions.forms import (
    DecisionFilterForm,
    LinkAssessmentForm,
    NewDecisionForm,
    ReviewForm,
    step_form_class,
)
from idmf.decisions.models import STEP_TITLES, DecisionRecord, DecisionReview, DecisionStep
from idmf.decisions.report import published, record_report, record_state, with_parts, with_progress


def _breadcrumbs(record=None):
    return tool_breadcrumbs("Decisions", "decisions:index", record)


def _visible(request, pk, permission=Perm.VIEW_RECORDS) -> DecisionRecord:
    return get_for_user_or_404(request.user, with_parts(DecisionRecord.objects), permission, pk=pk)


def decision_list(request, *, overdue_only=False):
    records = visible_to(request.user, DecisionRecord.objects.all()).select_related(
        "organisation", "assessment"
    )
    records = with_progress(records)
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
        breadcrumbs=_breadcrumbs(),
    )


def decision_detail(request, pk):
    record = _visible(request, pk)
    report = record_report(record)
    may_edit = has_permission(request.user, Perm.EDIT_RECORDS, record.organisation)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            **report,
            "may_edit": may_edit and not report["is_complete"],
            "may_review": may_edit and report["is_complete"],
            "today": timezone.localdate(),
            "breadcrumbs": _breadcrumbs(),
        },
    )


def _editable(request, pk) -> DecisionRecord:
    record = _visible(request, pk, Perm.EDIT_RECORDS)
    if rules.is_complete(record_state(record).completed):
        raise PermissionDenied(
            "This decision is complete, so it cannot be changed. You can add a review."
        )
    return record


def step(request, pk, number):
    if number not in STEP_TITLES:
        raise Http404
    record = _visible(request, pk)
    report = record_report(record)
    step_row = report["steps"][number - 1]["step"]
    may_edit = has_permission(request.user, Perm.EDIT_RECORDS, record.organisation)
    editable = may_edit and not report["is_complete"] and not step_row.is_complete
    if request.method == "POST":
        if not editable:
            record = _editable(request, pk)  # 403 with the reason
            raise PermissionDenied(f"Step {number} is complete. Reopen it to change it.")
        return _post_step(request, record, number, report, step_row)
    form = step_form_class(number)(record=record, step=step_row) if editable else None
    return _render_step(request, record, number, report, form=form, editable=editable)


def _render_step(request, record, number, report, *, form, editable, problems=(), **extra):
    context = {
        **report,
        "number": number,
        "step_title": STEP_TITLES[number],
        "step_row": report["steps"][number - 1],
        "form": form,
        "editable": editable,
        "problems": problems,
        "breadcrumbs": _breadcrumbs(record),
    }
    if number == 4 and editable:
        context.setdefault("link_form", LinkAssessmentForm(record=record))
    if number == 6 and editable:
        context.setdefault("action_form", ActionForm())
    context.update(extra)
    return render(request, "decisions/step.html", context)


def _post_step(request, record, number, report, step_row):
    if number == 4 and "link" in request.POST:
        return _link(request, record, report)
    if number == 4 and "create_assessment" in request.POST:
        assessment = services.create_assessment_for_decision(record=record, by=request.user)
        messages.success(request, "EHIIRA started from this decision and linked to it")
        return redirect("assessments:section", pk=assessment.pk, slug="about")
    if number == 6 and "add_action" in request.POST:
        return _add_action(request, record, report)
    form = step_form_class(number)(request.POST, record=record, step=step_row)
    if not form.is_valid():
        return _render_step(request, record, number, report, form=form, editable=True)
    try:
        services.save_decision_step(
            record=record,
            number=number,
            values=form.step_values(),
            evidence_notes=form.cleaned_data["evidence_notes"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        )
    except Refused as error:
        problems = [{"href": "", "text": str(error)}]
        return _render_step(
            request, record, number, report, form=form, editable=True, problems=problems
        )
    if "complete" in request.POST:
        try:
            services.complete_decision_step(record=record, number=number, by=request.user)
        except Refused as error:
            # The answers were saved; say why the step cannot be completed yet.
            fresh = _visible(request, record.pk)
            fresh_report = record_report(fresh)
            return _render_step(
                request,
                fresh,
                number,
                fresh_report,
                form=step_form_class(number)(
                    record=fresh, step=fresh_report["steps"][number - 1]["step"]
                ),
                editable=True,
                problems=[{"href": "", "text": text} for text in error.problems],
                saved=True,
            )
    if "complete" in request.POST:
        messages.success(request, f"Step {number} complete")
        following = number + 1 if number < 6 else None
        return (
            redirect("decisions:step", pk=record.pk, number=following)
            if following
            else redirect(record)
        )
    if "later" in request.POST:
        messages.success(request, "Your changes have been saved. You can come back later.")
        return redirect(record)
    return redirect("decisions:step", pk=record.pk, number=min(number + 1, 6))


def _link(request, record, report):
    link_form = LinkAssessmentForm(request.POST, record=record)
    if link_form.is_valid():
        try:
            services.link_assessment(
                record=record, assessment=link_form.cleaned_data["assessment"], by=request.user
            )
        except Refused as error:
            link_form.add_error("assessment", str(error))
        else:
            messages.success(request, "EHIIRA linked")
            return redirect("decisions:step", pk=record.pk, number=4)
    return _render_step(request, record, 4, report, form=None, editable=True, link_form=link_form)


def _add_action(request, record, report):
    action_form = ActionForm(request.POST)
    if action_form.is_valid():
        services.add_decision_action(record=record, by=request.user, **action_form.cleaned_data)
        messages.success(request, f"Action added: {action_form.cleaned_data['title']}")
        return redirect("decisions:step", pk=record.pk, number=6)
    step_row = report["steps"][5]["step"]
    return _render_step(
        request,
        record,
        6,
        report,
        form=step_form_class(6)(record=record, step=step_row),
        editable=True,
        action_form=action_form,
    )


def reopen(request, pk, number):
    record = _editable(request, pk)
    if request.method != "POST":
        return redirect("decisions:step", pk=pk, number=number)
    try:
        services.reopen_decision_step(record=record, number=number, by=request.user)
    except Refused as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, f"Step {number} reopened")
    return redirect("decisions:step", pk=pk, number=number)


def add_review(request, pk):
    record = _visible(request, pk, Perm.EDIT_RECORDS)
    if not rules.is_complete(record_state(record).completed):
        raise PermissionDenied("Reviews are added once all six steps are complete.")
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_decision_review(record=record, by=request.user, **form.cleaned_data)
        except Refused as error:
            form.add_error("next_review_date", str(error))
        else:
            messages.success(request, "Review added")
            return redirect(record)
    return render(
        request,
        "decisions/review_form.html",
        {"record": record, "form": form, "breadcrumbs": _breadcrumbs(record)},
    )


def decision_pdf(request, pk):
    record = _visible(request, pk)
    assessment_report = None
    if record.assessment_id:
        assessment_report = build_report(
            assessment_with_parts(Assessment.objects).get(pk=record.assessment_id)
        )
    pdf = render_pdf(
        "decisions/pdf/decision.html",
        {
            **record_report(record),
            "organisation": record.organisation,
            "record_title": record.title,
            "assessment_report": assessment_report,
        },
    )
    return pdf_response(pdf, pdf_filename("decision", record.title))


def decision_history(request, pk):
    record = _visible(request, pk)
    return render_history(
        request,
        title=record.title,
        entries=history_entries(
            record.history.all(),
            DecisionStep.history.filter(record_id=record.pk),
            DecisionReview.history.filter(record_id=record.pk),
        ),
        breadcrumbs=_breadcrumbs(record),
    )


@login_not_required
def public_register(request):
    records = published().select_related("organisation")
    page, querystring = paginate(request, records.order_by("-decision_date", "-pk"))
    return render(
        request,
        "decisions/public_register.html",
        {"page": page, "querystring": querystring},
    )


@login_not_required
def public_record(request, pk):
    record = get_object_or_404(
        with_parts(DecisionRecord.objects).filter(pk__in=published().values("pk")), pk=pk
    )
    return render(
        request,
        "decisions/public_record.html",
        {
            **record_report(record),
            "breadcrumbs": [{"text": "Published decisions", "href": reverse("public_register")}],
        },
    )
