"""The cumulative impact, counted ahead, so the dashboard for a whole system reads a few rows
a group, not every assessment: for each organisation, day and group, the negative impacts
found by the assessments started that day (and the pairs of groups found together).

An organisation's tallies are marked stale in the same transaction as any change to its
assessments, their Stage 2 impacts or their actions (the signal handlers below, connected in
apps.py), and counted again, for that organisation only, when the dashboard next reads them.
Loads made in bulk (the demo, the bench data) leave no mark of freshness, so are counted at
their first reading."""

from collections import Counter
from itertools import combinations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Trim, TruncDate

from assessments.models import (
    Assessment,
    ImpactPairTally,
    ImpactTally,
    ImpactTallyFresh,
    Stage2Impact,
)
from idmf.actions.models import Action

NEGATIVE = Stage2Impact.Impact.NEGATIVE


def mark_stale(organisation_id) -> None:
    if organisation_id:
        ImpactTallyFresh.objects.filter(organisation_id=organisation_id).delete()


def assessment_changed(sender, instance, **kwargs) -> None:
    mark_stale(instance.organisation_id)


def impact_changed(sender, instance, **kwargs) -> None:
    organisation_id = (
        Assessment.objects.filter(pk=instance.assessment_id)
        .values_list("organisation_id", flat=True)
        .first()
    )
    mark_stale(organisation_id)


def action_changed(sender, instance, **kwargs) -> None:
    if instance.source_type_id == ContentType.objects.get_for_model(Assessment).pk:
        mark_stale(instance.organisation_id)


def negative_in(queryset, *, group=None, start=None, end=None):
    """Assessments of `queryset` (latest versions) started in the period that found a
    negative impact (on `group`): what the cumulative impact counts, and the list's filter."""
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


def recount(organisation_id: int) -> None:
    """Count one organisation's tallies anew."""
    found = negative_in(Assessment.objects.filter(organisation_id=organisation_id))
    ids = list(found.values_list("pk", flat=True))
    rows = (
        Stage2Impact.objects.filter(impact=NEGATIVE, assessment_id__in=ids)
        .values_list("assessment_id", "group_id", TruncDate("assessment__created_at"))
        .annotate(mitigation=Length(Trim("mitigation")))
        .order_by()
    )
    actioned = set(
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Assessment), source_id__in=ids
        ).values_list("source_id", flat=True)
    )
    counts: dict[tuple, list[int]] = {}
    together: dict[int, tuple] = {}
    for assessment_id, group_id, day, mitigation in rows:
        count = counts.setdefault((day, group_id), [0, 0, 0])
        count[0] += 1
        count[1] += bool(mitigation)
        count[2] += assessment_id in actioned
        together.setdefault(assessment_id, (day, []))[1].append(group_id)
    pairs = Counter(
        (day, *pair)
        for day, groups in together.values()
        for pair in combinations(sorted(groups), 2)
    )
    ImpactTally.objects.filter(organisation_id=organisation_id).delete()
    ImpactPairTally.objects.filter(organisation_id=organisation_id).delete()
    ImpactTally.objects.bulk_create(
        ImpactTally(
            organisation_id=organisation_id,
            day=day,
            group_id=group_id,
            negative=n,
            mitigated=m,
            actioned=a,
        )
        for (day, group_id), (n, m, a) in counts.items()
    )
    ImpactPairTally.objects.bulk_create(
        ImpactPairTally(
            organisation_id=organisation_id, day=day, first_id=a, second_id=b, together=n
        )
        for (day, a, b), n in pairs.items()
    )


def ensure_fresh(organisation_ids) -> None:
    """Count again the tallies of those of the organisations that are stale."""
    fresh = set(
        ImpactTallyFresh.objects.filter(organisation_id__in=organisation_ids).values_list(
            "organisation_id", flat=True
        )
    )
    for organisation_id in sorted(set(organisation_ids) - fresh):
        with transaction.atomic():
            # Marked fresh first: a change made while counting removes the mark again.
            ImpactTallyFresh.objects.get_or_create(organisation_id=organisation_id)
            recount(organisation_id)
