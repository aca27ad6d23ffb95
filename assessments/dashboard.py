"""The EHIIRAs' part of the health-equity dashboard: by status and Stage 2 outcome, the
median days from start to approval, and the cumulative impact: for each protected
characteristic and inclusion group, how many assessments in the period found a negative
impact and how many of those have mitigations and actions (counted ahead, in
assessments/tallies.py); and the groups most often found negatively affected together."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, Sum
from django.db.models.functions import Coalesce, TruncDate

from assessments.models import (
    Assessment,
    ImpactPairTally,
    ImpactTally,
    Stage2Group,
    Stage2Impact,
)
from assessments.tallies import ensure_fresh
from idmf.core.dashboard import Bar, Chart, Figure, Panel, Scope

NEGATIVE = Stage2Impact.Impact.NEGATIVE
TOP_PAIRS = 5


def current(scope: Scope):
    """The latest version of each EHIIRA of the scope's organisations."""
    return Assessment.objects.filter(
        organisation_id__in=scope.organisation_ids, next_version__isnull=True
    )


@dataclass
class GroupImpact:
    group: Stage2Group
    # Assessments with a negative impact on the group (one impact a group an assessment),
    # and of those, how many have a mitigation for it and how many have raised actions.
    count: int = 0
    mitigated: int = 0
    with_actions: int = 0
    url: str = ""


def cumulative_impact(scope: Scope) -> tuple[list[GroupImpact], list[tuple[tuple, int]]]:
    """Per group, the assessments started in the period with a negative impact on it; and
    the pairs of groups most often negatively affected together: read from the tallies
    (assessments/tallies.py), a row a group, however many assessments."""
    ensure_fresh(scope.organisation_ids)
    in_scope = {"organisation_id__in": scope.organisation_ids}
    if scope.start:
        in_scope["day__gte"] = scope.start
    if scope.end:
        in_scope["day__lte"] = scope.end
    # Protected characteristics first, as the form asks them.
    groups = {g.pk: GroupImpact(g) for g in Stage2Group.objects.order_by("-kind", "order")}
    sums = (
        ImpactTally.objects.filter(**in_scope)
        .values_list("group_id")
        .annotate(Sum("negative"), Sum("mitigated"), Sum("actioned"))
        .order_by()
    )
    for group_id, negative, mitigated, actioned in sums:
        impact = groups[group_id]
        impact.count, impact.mitigated, impact.with_actions = negative, mitigated, actioned
    pairs = (
        ImpactPairTally.objects.filter(**in_scope)
        .values_list("first_id", "second_id")
        .annotate(n=Sum("together"))
        .order_by("-n", "first_id", "second_id")[:TOP_PAIRS]
    )
    named = [((groups[a].group.name, groups[b].group.name), n) for a, b, n in pairs]
    return list(groups.values()), named


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many there are}, as `statistics.median` of
    them written out (the mean of the middle two when there is an even number)."""
    total = sum(counts.values())
    if not total:
        return None
    wanted, found, seen = {(total - 1) // 2, total // 2}, {}, 0
    for value in sorted(counts):
        found |= {at: value for at in wanted if seen <= at < seen + counts[value]}
        seen += counts[value]
    low, high = found[(total - 1) // 2], found[total // 2]
    return low if total % 2 else (low + high) / 2


def median_days_to_approval(assessments) -> float | None:
    """From start to approval, of the approved ones (the approval's date where no time was
    kept, as with paper approvals). The database counts how many took each number of days
    (in UK time): a row a number of days, not a row an assessment."""
    approved_on = Coalesce(TruncDate("approved_at"), "approved_on")
    took = (
        assessments.filter(status=Assessment.Status.APPROVED)
        .annotate(took=ExpressionWrapper(approved_on - TruncDate("created_at"), DurationField()))
        .exclude(took=None)
        .order_by()
        .values_list("took")
        .annotate(n=Count("*"))
    )
    return median_of_counts({days.days: n for days, n in took})


def assessments_panel(scope: Scope) -> Panel:
    everything = Assessment.objects.filter(organisation_id__in=scope.organisation_ids)
    # Both counts from one pass over the scope's assessments.
    by_status, by_outcome = Counter(), Counter()
    for status, outcome, n in (
        everything.order_by().values_list("status", "outcome").annotate(n=Count("*"))
    ):
        by_status[status] += n
        if outcome:
            by_outcome[outcome] += n
    median = median_days_to_approval(everything)
    figures = [
        *[
            Figure(
                f"Status: {label}",
                by_status.get(value, 0),
                scope.link("assessments:index", status=value),
            )
            for value, label in Assessment.Status.choices
        ],
        *[
            Figure(
                f"Stage 2 outcome: {label}",
                by_outcome.get(value, 0),
                scope.link("assessments:index", outcome=value),
            )
            for value, label in Assessment.Outcome.choices
        ],
        Figure(
            "Median days from start to approval",
            "No approvals yet" if median is None else f"{median:g} days",
        ),
    ]
    groups, pairs = cumulative_impact(scope)
    period = {
        "started_from_0": scope.start.day,
        "started_from_1": scope.start.month,
        "started_from_2": scope.start.year,
        "started_to_0": scope.end.day,
        "started_to_1": scope.end.month,
        "started_to_2": scope.end.year,
    }
    for impact in groups:
        impact.url = scope.link("assessments:index", negative_for=impact.group.pk, **period)
    hit = sorted((g for g in groups if g.count), key=lambda g: (-g.count, g.group.order))
    chart = Chart(
        title="Assessments finding a negative impact, by group",
        summary=(
            f"In this period, {hit[0].group.name} was found negatively affected by "
            f"{hit[0].count} assessment{'s' if hit[0].count != 1 else ''}"
            + (f", then {hit[1].group.name} ({hit[1].count})." if len(hit) > 1 else ".")
            if hit
            else "No assessment in this period found a negative impact on any group."
        ),
        bars=[Bar(g.group.name, g.count, url=g.url) for g in hit],
        unit="Assessments with a negative impact",
    )
    most = ", ".join(f"{g.group.name} ({g.count})" for g in hit[:3])
    return Panel(
        order=20,
        title="EHIIRAs and cumulative impact",
        template="assessments/dashboard.html",
        key="impact",
        headline=[
            Figure(
                "Groups most often found negatively affected",
                most or "No assessment in this period found a negative impact",
                hit[0].url if hit else "",
            )
        ],
        context={
            "figures": figures,
            "chart": chart,
            "groups": groups,
            "pairs": pairs,
        },
    )
