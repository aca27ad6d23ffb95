"""How many records each organisation has on the public register, kind by kind: counted
again, for that organisation and kind, in the same transaction as any save or delete of
such a record (the signal handlers below), and for everything by `recount_all()` (after a
bulk load, and by the migration that made the table)."""

from django.db import transaction
from django.db.models import Count, Sum

from idmf.core import records
from idmf.core.models import Organisation
from idmf.publishing.models import PublishedCount
from idmf.publishing.register import public_kinds


def recount(organisation_id: int, system_id: int, kind: records.RecordKind) -> None:
    n = kind.published().filter(organisation_id=organisation_id).count()
    if n:
        PublishedCount.objects.update_or_create(
            organisation_id=organisation_id,
            kind=kind.key,
            defaults={"count": n, "system_id": system_id},
        )
    else:
        PublishedCount.objects.filter(organisation_id=organisation_id, kind=kind.key).delete()


@transaction.atomic
def recount_all() -> int:
    """Every organisation's counts, anew: one query a kind. Returns how many rows."""
    PublishedCount.objects.all().delete()
    rows = [
        PublishedCount(organisation_id=organisation_id, system_id=system_id, kind=kind.key, count=n)
        for kind in public_kinds()
        for organisation_id, system_id, n in kind.published()
        .order_by()
        .values_list("organisation_id", "organisation__system_id")
        .annotate(n=Count("pk"))
    ]
    PublishedCount.objects.bulk_create(rows)
    return len(rows)


def changed(sender, instance, **kwargs) -> None:
    """A record of a kind the register shows was saved or deleted: count its organisation's
    records of that kind again (connected to those kinds only, in apps.py)."""
    if instance.organisation_id:
        system_id = Organisation.objects.values_list("system_id", flat=True).get(
            pk=instance.organisation_id
        )
        recount(instance.organisation_id, system_id, records.kind_for(sender))


def by_organisation(rows) -> dict[int, dict[str, int]]:
    """{organisation id: {kind noun: count}} of the organisations (of the PublishedCount
    `rows`, e.g. filtered by system_id) that have published anything: one query."""
    nouns = {kind.key: kind.noun for kind in public_kinds()}
    found: dict[int, dict[str, int]] = {}
    for organisation_id, kind, n in rows.filter(kind__in=nouns).values_list(
        "organisation_id", "kind", "count"
    ):
        found.setdefault(organisation_id, {})[nouns[kind]] = n
    return found


def by_system() -> dict[int, tuple[int, dict[str, int]]]:
    """{system id: (organisations that have published, {kind noun: count})}: two queries."""
    nouns = {kind.key: kind.noun for kind in public_kinds()}
    found: dict[int, tuple[int, dict[str, int]]] = {}
    rows = (
        PublishedCount.objects.filter(kind__in=nouns)
        .values_list("system_id", "kind")
        .annotate(n=Sum("count"))
        .order_by()
    )
    organisations = dict(
        PublishedCount.objects.filter(kind__in=nouns)
        .values_list("system_id")
        .annotate(n=Count("organisation_id", distinct=True))
        .order_by()
    )
    for system_id, kind, n in rows:
        found.setdefault(system_id, (organisations[system_id], {}))[1][nouns[kind]] = n
    return found
