"""The EHIIRAs' part of the health-equity dashboard: by status and Stage 2 outcome, the
median days from start to approval, and the cumulative impact: for each protected
characteristic and inclusion group, how many assessments in the period found a negative
impact, how many of those have mitigations and actions, and which decisions they were; and
the groups most often found negatively affected together."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Length, Trim, TruncDate
from django.urls import reverse

from assessments.models import Assessment, Stage2Group, Stage2Impact
from idmf.actions.models import Action
from idmf.core.dashboard import Bar, Chart, Figure, Panel, Scope

NEGATIVE = Stage2Impact.Impact.NEGATIVE
TOP_PAIRS = 5


def current(scope: Scope):
    """The latest version of each EHIIRA of the scope's organisations."""
    return Assessment.objects.filter(
        organisation_id__in=scope.organisation_ids, next_version__isnull=True
    )


def negative_in(queryset, *, group=None, start=None, end=None):
    """Assessments of `queryset` (latest versions) started in the period that found a
    negative impact (on `group`): what the cumulative impact counts, and its list's filter."""
    # Asked of each assessment in `queryset` (not of every negative impact in the country).
    impacts = Stage2Impact.objects.filter(assessment=OuterRef("pk"), impact=NEGATIVE)
    if group is not None:
        impacts = impacts.filter(group=group)
    found = queryset.filter(Exists(impacts), next_version__isnull=True)
    if start:
        found = found.filter(created_at__date__gte=start)
    if end:
        found = found.filter(created_at__date__lte=end)
    return found


@dataclass
class GroupImpact:
    group: Stage2Group
    # Assessments with a negative impact on the group (one impact a group an assessment),
    # and of those, how many have a mitigation for it and how many have raised actions.
    count: int = 0
    mitigated: int = 0
    with_actions: int = 0
    # (assessment, has a mitigation, has actions, its decision records as (title, page))
    assessments: list = field(default_factory=list)
    url: str = ""


def cumulative_impact(scope: Scope) -> tuple[list[GroupImpact], list[tuple[tuple, int]]]:
    """Per group, the assessments with a negative impact on it; the pairs of groups most often
    negatively affected together; and each assessment's decision records. Five queries, each
    reading only the scope's assessments (their ids are read first)."""
    assessments = negative_in(current(scope), start=scope.start, end=scope.end)
    ids = list(assessments.values_list("pk", flat=True))
    # Only what the panel shows: the assessments' long answers stay in the database.
    rows = list(
        Stage2Impact.objects.filter(impact=NEGATIVE, assessment_id__in=ids)
        .select_related("assessment", "group")
        .only("assessment_id", "group_id", "assessment__title", "group__name")
        .annotate(mitigated=Length(Trim("mitigation")))
        .order_by("group__kind", "group__order", "assessment__title")
    )
    actioned = set(
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Assessment), source_id__in=ids
        ).values_list("source_id", flat=True)
    )
    # Protected characteristics first, as the form asks them.
    groups = {g.pk: GroupImpact(g) for g in Stage2Group.objects.order_by("-kind", "order")}
    together: dict[int, list[str]] = {}
    for row in rows:
        impact = groups[row.group_id]
        mitigated, acted = bool(row.mitigated), row.assessment_id in actioned
        impact.count += 1
        impact.mitigated += mitigated
        impact.with_actions += acted
        impact.assessments.append((row.assessment, mitigated, acted))
        together.setdefault(row.assessment_id, []).append(row.group.name)
    pairs = Counter(pair for names in together.values() for pair in combinations(sorted(names), 2))
    decisions = decisions_of(ids)
    for impact in groups.values():
        impact.assessments = [(*row, decisions.get(row[0].pk, [])) for row in impact.assessments]
    return list(groups.values()), pairs.most_common(TOP_PAIRS)


def decisions_of(ids) -> dict[int, list[tuple[str, str]]]:
    """The decision records that link each of the assessments `ids`, as (title, page): read
    through the link the decision tool keeps (this tool does not import it)."""
    found: dict[int, list[tuple[str, str]]] = {}
    linked = Assessment.objects.filter(pk__in=ids, decision_records__isnull=False).values_list(
        "pk", "decision_records__pk", "decision_records__title"
    )
    for assessment_id, decision_id, title in linked:
        url = reverse("decisions:detail", args=[decision_id])
        found.setdefault(assessment_id, []).append((title, url))
    return found


def median_days_to_approval(assessments) -> float | None:
    """From start to approval, of the approved ones (the approval's date where no time was
    kept, as with paper approvals)."""
    # Dates, made in the database (in UK time), not every timestamp converted here.
    days = [
        ((approved_at or approved_on) - created_on).days
        for created_on, approved_at, approved_on in assessments.filter(
            status=Assessment.Status.APPROVED
        ).values_list(TruncDate("created_at"), TruncDate("approved_at"), "approved_on")
        if approved_at or approved_on
    ]
    return statistics.median(days) if days else None


def assessments_panel(scope: Scope) -> Panel:
    everything = Assessment.objects.filter(organisation_id__in=scope.organisation_ids)
    by_status = dict(everything.order_by().values_list("status").annotate(n=Count("pk")))
    by_outcome = dict(
        everything.exclude(outcome="").order_by().values_list("outcome").annotate(n=Count("pk"))
    )
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
