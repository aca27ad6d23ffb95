"""The health-equity dashboard page: choose an organisation (or, for a system's members, the
whole system) and a period; each tool's panel follows."""

import datetime

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from idmf.core.dashboard import Scope, panels_for
from idmf.core.forms import DateInputField, Form
from idmf.core.models import Organisation, System
from idmf.core.permissions import Perm, memberships_of, organisations_for, require_permission

YEAR = datetime.timedelta(days=365)


def scopes_for(user) -> list[tuple[str, str]]:
    """The organisations the user may see, and the systems they belong to as a whole."""
    organisations = list(organisations_for(user))
    if user.is_superuser:
        systems = list(System.objects.all())
    else:
        ids = {m.system_id for m in memberships_of(user) if m.system_id}
        systems = list(System.objects.filter(pk__in=ids))
    return [(f"system-{s.pk}", f"{s.name} (the whole system)") for s in systems] + [
        (f"organisation-{o.pk}", o.name) for o in organisations
    ]


class DashboardForm(Form):
    hide_optional_labels = True

    scope = forms.ChoiceField(label="Organisation or system")
    start = DateInputField(label="From", required=False, help_text="For example, 1 4 2025")
    end = DateInputField(label="To", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes_for(user)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end of the period must be after its start")
        return data


def scope_of(value: str, *, start, end) -> Scope:
    kind, pk = value.split("-")
    if kind == "system":
        system = System.objects.get(pk=pk)
        ids = tuple(system.organisations.values_list("pk", flat=True))
        label = f"{system.name} ({len(ids)} organisation{'s' if len(ids) != 1 else ''})"
        return Scope(label, ids, start, end)
    organisation = Organisation.objects.get(pk=pk)
    return Scope(organisation.name, (organisation.pk,), start, end, single=organisation.pk)


@require_permission(Perm.VIEW_RECORDS)
def dashboard(request):
    today = timezone.localdate()
    choices = scopes_for(request.user)
    data = request.GET if "scope" in request.GET else None
    form = DashboardForm(data, user=request.user, initial={"start": today - YEAR, "end": today})
    scope = None
    if data is None and choices:
        scope = scope_of(choices[0][0], start=today - YEAR, end=today)
    elif data is not None and form.is_valid():
        scope = scope_of(
            form.cleaned_data["scope"],
            start=form.cleaned_data["start"] or today - YEAR,
            end=form.cleaned_data["end"] or today,
        )
    return render(
        request,
        "core/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "panels": panels_for(scope) if scope else [],
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
    )
