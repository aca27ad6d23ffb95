"""The action tracker: every action raised anywhere (EHIIRA action plans, decision records'
step 6, EDS action plans, board review cells), with the record that raised it; owners set
its status and add dated progress notes."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from idmf.actions import services
from idmf.actions.forms import ActionFilterForm, ActionUpdateForm
from idmf.actions.models import Action
from idmf.core import records
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_entries
from idmf.core.pagination import render_filtered_list
from idmf.core.permissions import Perm, get_for_user_or_404, may_update_action, visible_to
from idmf.core.services import Refused, StaleEdit
from idmf.core.views import render_history


@dataclass(frozen=True)
class Raised:
    """The record an action was raised by, as the tracker shows it."""

    text: str  # "EDS report: 2022/23"
    url: str


def raised_by(actions) -> dict:
    """Each action's source, as `action.raised` (None for an action added directly): one
    query per kind of source for all the rows."""
    sources = records.sources_of(actions)
    for action in actions:
        kind, record = sources.get(action.pk, (None, None))
        action.raised = (
            Raised(f"{kind.noun}: {kind.title(record)}", record.get_absolute_url())
            if kind
            else None
        )
    return {}


ACTIONS_CSV = CsvExport(
    name="actions",
    columns=[
        ("Action", lambda a, _: a.title),
        ("Organisation", lambda a, _: a.organisation.name),
        ("Raised by", lambda a, _: a.raised.text if a.raised else "Added directly"),
        ("Record link", lambda a, x: x["link"](a.raised.url) if a.raised else ""),
        LINK,
        ("Owner", lambda a, _: a.owner),
        ("Due date", lambda a, _: when(a.due_date)),
        ("Status", lambda a, _: a.get_status_display()),
        ("Overdue", lambda a, _: "Yes" if a.is_overdue else "No"),
    ],
    prepare=raised_by,
)


def action_list(request):
    return render_filtered_list(
        request,
        form=ActionFilterForm(request.GET, user=request.user),
        queryset=visible_to(request.user, Action.objects.select_related("organisation")),
        order_by=["due_date", "pk"],
        template="actions/action_list.html",
        context={"breadcrumbs": [{"text": "Home", "href": reverse("home")}]},
        export=ACTIONS_CSV,
        extra=raised_by,
    )


def action_detail(request, pk):
    action = get_for_user_or_404(
        request.user,
        Action.objects.select_related("organisation", "assignee"),
        Perm.VIEW_RECORDS,
        pk=pk,
    )
    may_update = may_update_action(request.user, action)
    if request.method == "POST" and not may_update:
        raise PermissionDenied
    form = None
    if may_update:
        initial = {"status": action.status, "opened": action.status}
        form = ActionUpdateForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                updated = services.update_action(
                    by=request.user, action=action, **form.cleaned_data
                )
            except Refused as refused:
                if isinstance(refused, StaleEdit):  # shown again as it now is, typing kept
                    form = ActionUpdateForm({**request.POST.dict(), "opened": action.status})
                    form.is_valid()
                for problem in refused.problems:
                    form.add_error(None, problem)
            else:
                said = updated.get_status_display().lower()
                done = f"Action {said}" if updated.status != action.status else "Note added"
                messages.success(request, done)
                return redirect(updated)
    raised_by([action])
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "form": form,
            "notes": action.notes.select_related("created_by"),
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": "Actions", "href": reverse("action_list")},
            ],
        },
    )


def action_history(request, pk):
    action = get_for_user_or_404(request.user, Action.objects.all(), Perm.VIEW_RECORDS, pk=pk)
    return render_history(
        request,
        title=action.title,
        entries=history_entries(action.history.all()),
        breadcrumbs=[
            {"text": "Actions", "href": reverse("action_list")},
            {"text": action.title, "href": action.get_absolute_url()},
        ],
    )
