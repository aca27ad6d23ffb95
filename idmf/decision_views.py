from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from assessments.report import build_report, with_parts
from idmf import decision_rules, services
from idmf.decision_forms import (
    DecisionFilterForm,
    LinkAssessmentForm,
    NewDecisionForm,
    ReviewForm,
    step_form_class,
)
from idmf.forms import ActionForm
from idmf.history import history_entries
from idmf.models import Action, DecisionRecord, DecisionReview, DecisionStep
from idmf.models.decisions import STEP_TITLES
from idmf.pagination import paginate, render_filtered_list
from idmf.pdf import pdf_filename, pdf_response, render_pdf
from idmf.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission,
    has_permission_anywhere,
    require_permission,
    visible_to,
)
from idmf.views import render_history, tool_breadcrumbs


def _breadcrumbs(record=None):
    return tool_breadcrumbs("Decisions", "decisions:index", record)


def _records():
    return DecisionRecord.objects.select_related(
        "organisation__system", "created_by", "assessment"
    ).prefetch_related(
        "services",
        "partner_organisations",
        Prefetch("steps", queryset=DecisionStep.objects.select_related("completed_by")),
        Prefetch("reviews", queryset=DecisionReview.objects.select_related("created_by")),
    )


def _visible(request, pk, permission=Perm.VIEW_RECORDS) -> DecisionRecord:
    return get_for_user_or_404(request.user, _records(), permission, pk=pk)


def with_progress(records):
    """Annotate each record with how many of its six steps are complete."""
    return records.annotate(
        steps_completed=Count("steps", filter=Q(steps__completed_at__isnull=False))
    )


def _actions(record):
    return list(
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(DecisionRecord), source_id=record.pk
        ).select_related("organisation")
    )


def _display(record, name) -> str:
    field = DecisionRecord._meta.get_field(name)
    if name == "affected_groups":
        labels = dict(DecisionRecord.AffectedGroup.choices)
        return ", ".join(labels.get(g, g) for g in record.affected_groups)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(record, name).all())
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    value = getattr(record, name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return value or ""


def step_summary(record, number) -> list[tuple[str, str]]:
    names = services.STEP_FIELDS[number] + services.STEP_RELATIONS.get(number, [])
    return [
        (
            str(DecisionRecord._meta.get_field(name).verbose_name).capitalize(),
            _display(record, name),
        )
        for name in names
    ]


def record_report(record) -> dict:
    """What the overview, the step pages and the PDF show about one record."""
    steps = {s.number: s for s in record.steps.all()}
    state = services.record_state(record)
    rows = []
    for number, title in STEP_TITLES.items():
        step = steps.get(number) or DecisionStep(record=record, number=number)
        touched = decision_rules.step_started(number, state, has_notes=bool(step.evidence_notes))
        rows.append(
            {
                "number": number,
                "title": title,
                "step": step,
                "summary": step_summary(record, number),
                "status": decision_rules.step_status(
                    number, completed=state.completed, touched=touched
                ),
            }
        )
    return {
        "record": record,
        "steps": rows,
        "completed": state.completed,
        "current_step": decision_rules.current_step(state.completed),
        "is_complete": decision_rules.is_complete(state.completed),
        "reopenable": decision_rules.reopenable_step(state.completed),
        "actions": _actions(record),
        # Proceeding against this outcome needs a written justification.
        "assessment_said_stop": state.assessment_outcome == "stop",
    }


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
    form = NewDecisionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        record = services.create_decision_record(by=request.user, **form.cleaned_data)
        messages.success(request, "Decision record started")
        return redirect("decisions:step", pk=record.pk, number=1)
    return render(
        request, "decisions/decision_new.html", {"form": form, "breadcrumbs": _breadcrumbs()}
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
    if decision_rules.is_complete(services.record_state(record).completed):
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
    except services.DecisionError as error:
        problems = [{"href": "", "text": str(error)}]
        return _render_step(
            request, record, number, report, form=form, editable=True, problems=problems
        )
    if "complete" in request.POST:
        try:
            services.complete_decision_step(record=record, number=number, by=request.user)
        except services.DecisionError as error:
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
        except services.DecisionError as error:
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
    except services.DecisionError as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, f"Step {number} reopened")
    return redirect("decisions:step", pk=pk, number=number)


def add_review(request, pk):
    record = _visible(request, pk, Perm.EDIT_RECORDS)
    if not decision_rules.is_complete(services.record_state(record).completed):
        raise PermissionDenied("Reviews are added once all six steps are complete.")
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_decision_review(record=record, by=request.user, **form.cleaned_data)
        except services.DecisionError as error:
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
            with_parts(Assessment.objects).get(pk=record.assessment_id)
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


def _published():
    """Decisions whose six steps are complete and that their authors chose to publish."""
    return with_progress(DecisionRecord.objects.filter(published=True)).filter(steps_completed=6)


@login_not_required
def public_register(request):
    records = _published().select_related("organisation")
    page, querystring = paginate(request, records.order_by("-decision_date", "-pk"))
    return render(
        request,
        "decisions/public_register.html",
        {"page": page, "querystring": querystring},
    )


@login_not_required
def public_record(request, pk):
    record = get_object_or_404(_records().filter(pk__in=_published().values("pk")), pk=pk)
    return render(
        request,
        "decisions/public_record.html",
        {
            **record_report(record),
            "breadcrumbs": [{"text": "Published decisions", "href": reverse("public_register")}],
        },
    )
