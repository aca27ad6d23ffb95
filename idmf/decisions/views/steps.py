"""A step's page. It has one form: whichever button is pressed saves everything typed on
the page (the step's fields and notes, the EHIIRA chosen on step 4, an action typed on
step 6), or shows it all back with the problems."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from idmf.actions.forms import ActionForm
from idmf.core.forms import all_valid, typed
from idmf.core.permissions import Perm, may
from idmf.core.services import AlreadyDone, Refused
from idmf.decisions import services
from idmf.decisions.forms import LinkAssessmentForm, step_form_class
from idmf.decisions.models import STEP_TITLES
from idmf.decisions.pages import PAGES
from idmf.decisions.report import record_report
from idmf.decisions.views.access import editable


def step(request, pk, number):
    if number not in STEP_TITLES:
        raise Http404
    record = PAGES.visible(request, pk)
    report = record_report(record)
    row = report["steps"][number - 1]
    may_edit = may(request.user, Perm.EDIT_RECORDS, record)
    is_editable = may_edit and not report["is_complete"] and not row["step"].is_complete
    if request.method == "POST":
        if may_edit and "complete" in request.POST and row["step"].is_complete:
            messages.info(request, f"Step {number} is already complete")  # pressed twice
            return redirect(record)
        if not is_editable:
            editable(request, pk)  # 403 with the reason when the record is complete
            raise PermissionDenied(f"Step {number} is complete. Reopen it to change it.")
        return _post(request, record, number, report)
    forms = _forms(record, number, row["step"]) if is_editable else {}
    return _render(request, record, number, report, forms)


def _forms(record, number, step, data=None) -> dict:
    """Every form on the step's page: the step's own, and the part only some steps have."""
    forms = {"form": step_form_class(number)(data, record=record, step=step)}
    if number == 4:
        forms["link_form"] = LinkAssessmentForm(data, record=record)
    if number == 6:
        forms["action_form"] = ActionForm(data, organisation=record.organisation, prefix="action")
    return forms


def _buttons(number, report) -> list[dict]:
    """One primary button; each secondary one says exactly what it does."""
    ahead = report["current_step"] is not None and number > report["current_step"]
    following = f"Save and go to step {number + 1}" if number < 6 else None
    if ahead:
        buttons = [("later", "Save draft and return to the steps")]
        buttons += [("continue", following.replace("Save", "Save draft"))] if following else []
    else:
        buttons = [("complete", f"Save and mark step {number} complete")]
        buttons += [("continue", following)] if following else []
        buttons += [("later", "Save and return to the steps")]
    return [{"name": name, "label": label} for name, label in buttons]


def _render(request, record, number, report, forms, *, problems=(), saved=False):
    row = report["steps"][number - 1]
    current = report["current_step"]
    return render(
        request,
        "decisions/step.html",
        {
            **report,
            **forms,
            "number": number,
            "step_title": STEP_TITLES[number],
            "step_row": row,
            "editable": bool(forms),
            "ahead_of_turn": current is not None and number > current,
            "buttons": _buttons(number, report),
            "problems": [
                {"href": f"#id_{p.field}" if getattr(p, "field", "") else "", "text": p}
                for p in problems
            ],
            "saved": saved,
            "breadcrumbs": PAGES.breadcrumbs(record),
        },
    )


def _post(request, record, number, report):
    post = request.POST
    forms = _forms(record, number, report["steps"][number - 1]["step"], post)
    link_form, action_form = forms.get("link_form"), forms.get("action_form")
    linking = link_form is not None and ("link" in post or typed(link_form))
    adding = action_form is not None and ("add_action" in post or typed(action_form))
    if not all_valid(
        forms["form"], link_form if linking else None, action_form if adding else None
    ):
        return _render(request, record, number, report, forms)
    form = forms["form"]
    try:
        saved = services.save_decision_step(
            record=record,
            number=number,
            values=form.step_values(),
            evidence_notes=form.cleaned_data["evidence_notes"],
            expected_version=form.cleaned_data["version"],
            link=link_form.cleaned_data["assessment"] if linking else None,
            action=action_form.cleaned_data if adding else None,
            by=request.user,
        )
    except AlreadyDone as done:  # a double click: the first press did it
        messages.info(request, str(done))
        return redirect("decisions:step", pk=record.pk, number=number)
    except Refused as refused:  # nothing was saved: show back everything typed
        return _render(request, record, number, report, forms, problems=refused.problems)
    try:
        if "create_assessment" in post:
            assessment = services.create_assessment_for_decision(record=saved, by=request.user)
            messages.success(request, "EHIIRA started from this decision and linked to it")
            return redirect("assessments:section", pk=assessment.pk, slug="about")
        if "complete" in post:
            services.complete_decision_step(record=saved, number=number, by=request.user)
    except AlreadyDone as done:
        messages.info(request, str(done))
        return redirect("decisions:step", pk=record.pk, number=number)
    except Refused as refused:
        # What was typed is saved; say why the step cannot be completed (or the EHIIRA made).
        fresh = PAGES.visible(request, record.pk)
        fresh_report = record_report(fresh)
        step = fresh_report["steps"][number - 1]["step"]
        return _render(
            request,
            fresh,
            number,
            fresh_report,
            _forms(fresh, number, step),
            problems=refused.problems,
            saved=True,
        )
    return _after_save(request, record, number, post, action_form if adding else None)


def _after_save(request, record, number, post, action_form):
    here = reverse("decisions:step", args=[record.pk, number])
    if "complete" in post:
        messages.success(request, f"Step {number} complete")
        return (
            redirect("decisions:step", pk=record.pk, number=number + 1)
            if number < 6
            else (redirect(record))
        )
    if "link" in post:
        messages.success(request, "EHIIRA linked")
        return redirect(here)
    if "add_action" in post:
        messages.success(request, f"Action added: {action_form.cleaned_data['title']}")
        return redirect(here)
    if "continue" in post and number < 6:
        messages.success(request, f"Step {number} saved")
        return redirect("decisions:step", pk=record.pk, number=number + 1)
    messages.success(request, "Your changes have been saved. You can come back later.")
    return redirect(record)


def reopen(request, pk, number):
    record = editable(request, pk)
    if request.method != "POST":
        return redirect("decisions:step", pk=pk, number=number)
    try:
        services.reopen_decision_step(record=record, number=number, by=request.user)
    except AlreadyDone as done:
        messages.info(request, str(done))
        return redirect("decisions:step", pk=pk, number=number)
    except Refused as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, f"Step {number} reopened")
    return redirect("decisions:step", pk=pk, number=number)
