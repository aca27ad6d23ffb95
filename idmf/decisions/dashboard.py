"""The decision records' part of the health-equity dashboard: where they are in the six
steps, what was decided, whether due regard was paid before the decision (the linked EHIIRA
approved on or before the decision date) and reviews whose date has passed."""

from collections import Counter

from django.db.models import Count
from django.utils import timezone

from idmf.core.dashboard import Bar, Chart, Figure, Panel, Scope
from idmf.decisions.models import STEP_TITLES, DecisionRecord
from idmf.decisions.report import DECIDED, due_regard_before


def deciding_with(assessment) -> list[int]:
    """The organisations of the decisions an EHIIRA is linked to: whether due regard was
    paid before their decision turns on its approval (what the panel counts of it)."""
    return list(
        DecisionRecord.objects.filter(assessment_id=assessment.pk).values_list(
            "organisation_id", flat=True
        )
    )


def decisions_panel(scope: Scope) -> Panel:
    records = DecisionRecord.objects.filter(organisation_id__in=scope.organisation_ids)
    # How many steps each has complete: tallied here, from one query.
    by_step = Counter(records.order_by().values_list("steps_completed", flat=True))
    bars = [
        Bar(
            f"Step {number}: {title}",
            by_step.get(number - 1, 0),
            url=scope.link("decisions:index", step=number),
        )
        for number, title in STEP_TITLES.items()
    ] + [
        Bar(
            "All six steps complete",
            by_step.get(6, 0),
            scope.link("decisions:index", step="complete"),
        )
    ]
    total = sum(by_step.values())
    decided = records.filter(DECIDED)
    counts = decided.aggregate(
        reached=Count("pk", distinct=True),
        before=Count("pk", filter=due_regard_before(), distinct=True),
    )
    by_decision = dict(
        records.exclude(decision="").order_by().values_list("decision").annotate(n=Count("*"))
    )
    overdue = records.filter(review_date__lt=timezone.localdate()).count()
    figures = [
        Figure(
            "Reached step 5 with the EHIIRA approved on or before the decision date",
            counts["before"],
            scope.link("decisions:index", due_regard="before"),
        ),
        Figure(
            "Reached step 5 without it (no EHIIRA, not approved, or approved after)",
            counts["reached"] - counts["before"],
            scope.link("decisions:index", due_regard="not_before"),
        ),
        *[
            Figure(
                f"Decision: {label}",
                by_decision.get(value, 0),
                scope.link("decisions:index", decision=value),
            )
            for value, label in DecisionRecord.Decision.choices
        ],
        Figure("Review date passed", overdue, scope.link("decisions:index", review="overdue")),
    ]
    chart = Chart(
        title="Decision records by current step",
        summary=f"{total} decision record{'s' if total != 1 else ''}; "
        f"{by_step.get(6, 0)} with all six steps complete.",
        bars=bars,
        unit="Decision records",
    )
    reached = counts["reached"]
    return Panel(
        order=10,
        title="Decision records",
        template="core/dashboard/actions.html",
        context={"chart": chart, "figures": figures},
        key="decisions",
        headline=[
            Figure(
                "Due regard paid before the decision",
                f"{counts['before']} of {reached} decision{'s' if reached != 1 else ''} made "
                "with the EHIIRA approved by the decision date"
                if reached
                else "No decision record has reached the decision yet",
                scope.link("decisions:index", due_regard="before") if reached else "",
            )
        ],
    )
