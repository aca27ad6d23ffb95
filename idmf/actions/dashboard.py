"""The actions panel of the health-equity dashboard."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from idmf.actions import rules
from idmf.actions.models import Action
from idmf.core.dashboard import Bar, Chart, Figure, Panel, Scope


def actions_panel(scope: Scope) -> Panel:
    """Open, overdue and soon-due actions, and the overdue ones by organisation: two queries."""
    today = timezone.localdate()
    mine = Action.objects.filter(organisation_id__in=scope.organisation_ids).still_open()
    overdue = Q(due_date__lt=today)
    # Counted from the (organisation, status, due date) index alone: no column outside it
    # (each filter implies a due date, so counting due dates counts the actions).
    counts = mine.aggregate(
        open=Count("*"),
        overdue=Count("due_date", filter=overdue),
        soon=Count("due_date", filter=Q(due_date__range=(today, today + rules.DUE_SOON))),
    )
    by_organisation = (
        mine.filter(overdue)
        .values("organisation", "organisation__name")
        .annotate(n=Count("*"))
        .order_by("-n", "organisation__name")
    )
    bars = [
        Bar(
            row["organisation__name"],
            row["n"],
            url=reverse("action_list")
            + "?"
            + urlencode({"whose": "all", "due": "overdue", "organisation": row["organisation"]}),
        )
        for row in by_organisation
    ]
    total = counts["overdue"]
    chart = Chart(
        title="Overdue actions by organisation",
        summary=(
            f"{total} action{'s are' if total != 1 else ' is'} overdue"
            + (f", the most at {bars[0].label} ({bars[0].value})." if bars else ".")
        ),
        bars=bars,
        unit="Overdue actions",
    )
    figures = [
        Figure("Open actions", counts["open"], scope.link("action_list", whose="all")),
        Figure("Overdue", total, scope.link("action_list", whose="all", due="overdue")),
        Figure(
            "Due within 30 days",
            counts["soon"],
            scope.link("action_list", whose="all", due="soon"),
        ),
    ]
    return Panel(
        order=60,
        title="Actions",
        template="core/dashboard/actions.html",
        context={"chart": chart, "figures": figures},
        key="actions",
        headline=[
            Figure(
                "Overdue actions",
                f"{total} of {counts['open']} open action{'s' if counts['open'] != 1 else ''}",
                figures[1].url,
            )
        ],
    )
