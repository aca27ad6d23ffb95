"""The health-equity dashboard page: choose an organisation (or, for a system's members, the
whole system) and a period; each tool's panel follows."""

import datetime
from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from idmf.core.dashboard import Scope, panels_for
from idmf.core.forms import DateInputField, Form
from idmf.core.models import System
from idmf.core.pagination import filters_key
from idmf.core.permissions import Perm, memberships_of, organisations_for, require_permission

YEAR = datetime.timedelta(days=365)


@dataclass(frozen=True)
class ScopeChoice:
    """One choice of the form: an organisation, or a system as a whole."""

    text: str  # as the form offers it: "Our ICS (the whole system)"
    label: str  # above the dashboard: "Our ICS (4 organisations)"
    organisation_ids: tuple[int, ...]
    single: int | None = None  # the organisation's id, when it is one

    def scope(self, *, start, end) -> Scope:
        return Scope(self.label, self.organisation_ids, start, end, single=self.single)


def scopes_for(user) -> dict[str, ScopeChoice]:
    """The organisations the user may see, and the systems they belong to as a whole (with
    their organisations): two queries, the user's memberships aside."""
    organisations = list(organisations_for(user))
    if user.is_superuser:
        systems = list(System.objects.all())
    else:
        found = {m.system_id: m.system for m in memberships_of(user) if m.system_id}
        systems = sorted(found.values(), key=lambda s: (s.name, s.pk))
    choices = {}
    for system in systems:
        ids = tuple(o.pk for o in organisations if o.system_id == system.pk)
        counted = f"{len(ids)} organisation{'s' if len(ids) != 1 else ''}"
        choices[f"system-{system.pk}"] = ScopeChoice(
            f"{system.name} (the whole system)", f"{system.name} ({counted})", ids
        )
    for organisation in organisations:
        choices[f"organisation-{organisation.pk}"] = ScopeChoice(
            organisation.name, organisation.name, (organisation.pk,), single=organisation.pk
        )
    return choices


class DashboardForm(Form):
    hide_optional_labels = True

    scope = forms.ChoiceField(label="Organisation or system")
    start = DateInputField(label="From", required=False, help_text="For example, 1 4 2025")
    end = DateInputField(label="To", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = choices

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end of the period must be after its start")
        return data


def at_a_glance(panels) -> list[dict]:
    """The panels' headline figures as the rows of NHS.UK frontend's summary list: each value
    links to the list or record behind it, and each row to its panel further down."""
    rows = []
    for panel in panels:
        for figure in panel.headline:
            value = str(figure.value)
            shown = format_html('<a href="{}">{}</a>', figure.url, value) if figure.url else value
            rows.append(
                {
                    "key": {"text": figure.label},
                    "value": {"html": shown} if figure.url else {"text": value},
                    "actions": {
                        "items": [
                            {
                                "href": f"#{panel.key}",
                                "text": "More",
                                "visuallyHiddenText": f"about “{figure.label}”",
                            }
                        ]
                    },
                }
            )
    return rows


@require_permission(Perm.VIEW_RECORDS)
def dashboard(request):
    today = timezone.localdate()
    scopes = scopes_for(request.user)
    data = request.GET if "scope" in request.GET else None
    form = DashboardForm(
        data,
        choices=[(value, choice.text) for value, choice in scopes.items()],
        initial={"start": today - YEAR, "end": today},
    )
    scope = None
    if data is None and scopes:
        scope = next(iter(scopes.values())).scope(start=today - YEAR, end=today)
    elif data is not None and form.is_valid():
        scope = scopes[form.cleaned_data["scope"]].scope(
            start=form.cleaned_data["start"] or today - YEAR,
            end=form.cleaned_data["end"] or today,
        )
    panels = panels_for(scope) if scope else []
    return render(
        request,
        "core/dashboard.html",
        {
            "form": form,
            # The form's HTML, kept a minute as a list's filters are; its dates start today.
            "filters_key": f"{filters_key(request, form)}:{today}",
            "scope": scope,
            "panels": panels,
            "at_a_glance": at_a_glance(panels),
            "panels_contents": [{"href": f"#{p.key}", "text": p.title} for p in panels],
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
    )
