"""The dashboard's panels, kept while nothing they count has changed.

Every tool names the models its panel counts (`counts_changes_of`, from its AppConfig.ready)
and how to find a row's organisation. Saving or deleting one gives that organisation a new
change mark (`FiguresChanged`), in the same transaction as the change: a change that is
rolled back leaves the mark as it was, and nobody sees a new mark before the change itself.

A dashboard's panels are built for a scope (its organisations and period) and kept in
Django's cache under the scope, today's date (what is overdue changes at midnight), the
site's address prefix and each of the scope's organisations' marks: one query of those marks
and one look in the cache, however many records the scope holds. A change in any of the
scope's organisations means a new key, so the next dashboard counts again. Changes made
without saving rows one by one (`QuerySet.update`, `bulk_create`) send no signal: the code
that makes them calls `figures_changed` itself, and what is kept is dropped after
`KEPT_SECONDS` in any case (reference data edited in the admin, such as a group's name)."""

import hashlib
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.urls import get_script_prefix
from django.utils import timezone

from idmf.core.models import FiguresChanged

KEPT_SECONDS = 10 * 60


def figures_changed(organisation_ids: Iterable[int | None]) -> None:
    """Give each organisation a new change mark."""
    for organisation_id in sorted({pk for pk in organisation_ids if pk}):
        mark = uuid.uuid4().hex
        if not FiguresChanged.objects.filter(organisation_id=organisation_id).update(mark=mark):
            FiguresChanged.objects.update_or_create(
                organisation_id=organisation_id, defaults={"mark": mark}
            )


def counts_changes_of(model: type[Model], organisation_of: Callable[[Model], object]) -> None:
    """A saved or deleted `model` changes the figures of `organisation_of(row)`: an
    organisation id, or several."""

    def changed(sender, instance, **kwargs):
        found = organisation_of(instance)
        figures_changed(found if isinstance(found, (list, tuple, set)) else [found])

    for signal in (post_save, post_delete):
        signal.connect(
            changed,
            sender=model,
            weak=False,
            # Once for each model and way of finding its organisations, however often asked.
            dispatch_uid=f"dashboard-figures-{model._meta.label}-"
            f"{organisation_of.__module__}.{organisation_of.__qualname__}",
        )


def own(row) -> int | None:
    """A row's organisation: its own."""
    return row.organisation_id


def through(parent: type[Model], field: str) -> Callable[[Model], int | None]:
    """A part's organisation: its `parent`'s (named by the part's `field`), read once. A part
    deleted with its parent finds none; the parent's own deletion counts."""

    def organisation_of(row) -> int | None:
        return (
            parent.objects.filter(pk=getattr(row, field))
            .values_list("organisation_id", flat=True)
            .first()
        )

    organisation_of.__qualname__ = f"through({parent._meta.label}.{field})"
    return organisation_of


def marks_of(organisation_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        FiguresChanged.objects.filter(organisation_id__in=list(organisation_ids)).values_list(
            "organisation_id", "mark"
        )
    )


def key_of(scope) -> str:
    marks = marks_of(scope.organisation_ids)
    written = repr(
        (
            get_script_prefix(),
            timezone.localdate().isoformat(),
            scope.start.isoformat() if scope.start else "",
            scope.end.isoformat() if scope.end else "",
            [(pk, marks.get(pk, "")) for pk in sorted(scope.organisation_ids)],
        )
    )
    return "dashboard-panels:" + hashlib.sha256(written.encode()).hexdigest()


def kept(scope, build: Callable) -> list:
    """`build(scope)`'s panels, built once for the scope as its organisations now are."""
    key = key_of(scope)
    panels = cache.get(key)
    if panels is None:
        panels = build(scope)
        cache.set(key, panels, KEPT_SECONDS)
    return panels
