"""The dashboard's panels, each kept while nothing it counts has changed.

Every tool names the models its panel counts (`register_tool(..., counts=...)`, or
`counts_changes_of`, from its AppConfig.ready) and how to find a row's organisation. Saving
or deleting one gives that organisation a new change mark for that panel (`FiguresChanged`),
in the same transaction as the change: a change that is rolled back leaves the mark as it
was, and nobody sees a new mark before the change itself. A change to an organisation itself
(its name) gives it a new mark for every panel.

Each panel is kept in Django's cache under the scope (its organisations and period), today's
date (what is overdue changes at midnight), the site's address prefix, and the scope's
organisations' marks for that panel: one query of the marks and one look in the cache for
all the panels, however many records the scope holds. A change counts again only the panels
that count what changed, for the scopes that hold its organisation. Changes made without
saving rows one by one (`QuerySet.update`, `bulk_create`) send no signal: where the tools make
them (an evidence table's rows), they save the record they belong to in the same
transaction, which counts; anything else (reference data edited in the admin, such as a
group's name) shows once what was kept is dropped, after `KEPT_SECONDS`, or `figures_changed`
is called."""

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
EVERY_PANEL = "*"


def name_of(build: Callable) -> str:
    return f"{build.__module__}.{build.__qualname__}"


def figures_changed(organisation_ids: Iterable[int | None], panel: str = EVERY_PANEL) -> None:
    """Give each organisation a new change mark for `panel` (a panel's `name_of`), or for
    every panel."""
    for organisation_id in sorted({pk for pk in organisation_ids if pk}):
        mark = uuid.uuid4().hex
        marked = FiguresChanged.objects.filter(organisation_id=organisation_id, panel=panel)
        if not marked.update(mark=mark):
            FiguresChanged.objects.update_or_create(
                organisation_id=organisation_id, panel=panel, defaults={"mark": mark}
            )


def counts_changes_of(
    model: type[Model], organisation_of: Callable[[Model], object], *, panel: Callable | None
) -> None:
    """A saved or deleted `model` changes what `panel` (a panel's build function; None: every
    panel) counts of `organisation_of(row)`: an organisation id, or several."""
    name = name_of(panel) if panel else EVERY_PANEL

    def changed(sender, instance, **kwargs):
        found = organisation_of(instance)
        figures_changed(found if isinstance(found, (list, tuple, set)) else [found], name)

    for signal in (post_save, post_delete):
        signal.connect(
            changed,
            sender=model,
            weak=False,
            # Once for each model, panel and way of finding its organisations, however often
            # asked.
            dispatch_uid=f"dashboard-figures-{model._meta.label}-{name}-"
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


def marks_of(organisation_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """{(organisation id, panel's name or EVERY_PANEL): its mark}."""
    rows = FiguresChanged.objects.filter(organisation_id__in=list(organisation_ids))
    return {
        (pk, panel): mark
        for pk, panel, mark in rows.values_list("organisation_id", "panel", "mark")
    }


def key_of(scope, panel: str, marks: dict) -> str:
    written = repr(
        (
            panel,
            get_script_prefix(),
            timezone.localdate().isoformat(),
            scope.start.isoformat() if scope.start else "",
            scope.end.isoformat() if scope.end else "",
            [
                (pk, marks.get((pk, panel), ""), marks.get((pk, EVERY_PANEL), ""))
                for pk in sorted(scope.organisation_ids)
            ],
        )
    )
    return "dashboard-panel:" + hashlib.sha256(written.encode()).hexdigest()


def kept_panels(scope, builds: Iterable[Callable]) -> list:
    """Each of `builds`' panel for the scope, as its organisations now are: those kept, and
    the others built now (a build may offer no panel: None)."""
    marks = marks_of(scope.organisation_ids)
    keys = {key_of(scope, name_of(build), marks): build for build in builds}
    found = cache.get_many(list(keys))
    built = {key: (build(scope),) for key, build in keys.items() if key not in found}
    if built:
        cache.set_many(built, KEPT_SECONDS)
    return [panel for (panel,) in (found | built).values() if panel is not None]
