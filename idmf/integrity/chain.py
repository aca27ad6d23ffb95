"""The history of final records, chained by hash: a history row of a record that changed
or was deleted behind the application's back (an UPDATE or DELETE in the database) is found.

When a record of a registered kind (idmf.core.records) becomes final, and on every later
history row of it, its history rows not sealed yet are sealed in history_id order: each seal's
digest is an HMAC-SHA256, under a key the database does not hold (HISTORY_SEAL_KEYS), of the
digest of the record's seal before it ("" for its first) and the row's every stored value as
canonical JSON. `verify` recomputes each record's chain and says in plain words what no
longer holds: someone who changes a row and its seal without the key is found out too."""

import datetime
import hashlib
import hmac
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from idmf.core import records as registry
from idmf.integrity.models import HistorySeal

BATCH = 500  # records whose history is read in one query
BROKEN = "a seal was removed or changed"


def _plain(value):
    """A stored value as JSON writes it the same way each time it is read."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta | Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def canonical(row: Model) -> str:
    """Every value the history row stores, as canonical JSON."""
    values = {field.attname: _plain(field.value_from_object(row)) for field in row._meta.fields}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(previous: str, row: Model, *, key: str | None = None) -> str:
    """The row's seal: an HMAC-SHA256, under `key` (the first of HISTORY_SEAL_KEYS unless
    given), of the seal before it and the row's values. Without a key no one can forge one."""
    key = key if key is not None else settings.HISTORY_SEAL_KEYS[0]
    message = (previous + canonical(row)).encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def holds(seal: "HistorySeal", row: Model) -> bool:
    """Whether `row` is as it was when sealed, under any of HISTORY_SEAL_KEYS."""
    return any(
        hmac.compare_digest(digest(seal.previous_digest, row, key=key), seal.digest)
        for key in settings.HISTORY_SEAL_KEYS
    )


def history_of(kind: registry.RecordKind):
    """The history model of a kind's records (None if they keep no history)."""
    manager = getattr(kind.model, "history", None)
    return manager.model if manager is not None else None


def _rows_of(kind, record_ids):
    history = history_of(kind)
    return history.objects.filter(**{f"{kind.model._meta.pk.attname}__in": record_ids})


def seal(*, kind: registry.RecordKind, record_id: int) -> int:
    """Seal the record's history rows not sealed yet, in history_id order, if it is final or
    its history is sealed already (a later row of a final record). How many were sealed."""
    record_type = ContentType.objects.get_for_model(kind.model)
    last = (
        HistorySeal.objects.filter(record_type=record_type, record_id=record_id)
        .order_by("-history_id")
        .first()
    )
    if last is None and not kind.model._default_manager.filter(kind.final, pk=record_id).exists():
        return 0  # a draft: its history is not sealed
    rows = _rows_of(kind, [record_id])
    if last is not None:
        rows = rows.filter(history_id__gt=last.history_id)
    previous = last.digest if last else ""
    seals = []
    for row in rows.order_by("history_id"):
        sealed = digest(previous, row)
        seals.append(
            HistorySeal(
                history_model=row._meta.label_lower,
                history_id=row.history_id,
                record_type=record_type,
                record_id=record_id,
                digest=sealed,
                previous_digest=previous,
            )
        )
        previous = sealed
    HistorySeal.objects.bulk_create(seals)
    return len(seals)


def on_history_row(sender, instance, **kwargs) -> None:
    """simple_history's post_create_historical_record, for the history of a kind of record."""
    seal(kind=registry.kind_for(type(instance)), record_id=instance.pk)


def seal_all() -> tuple[int, int]:
    """Seal every final record whose history is not sealed yet (records that were final
    before sealing began, or made in bulk): (records, rows) sealed. Run once after the
    upgrade that brought sealing in (manage.py seal_history)."""
    records = rows = 0
    for kind in registry.KINDS.values():
        if history_of(kind) is None:
            continue
        record_type = ContentType.objects.get_for_model(kind.model)
        sealed = HistorySeal.objects.filter(record_type=record_type).values("record_id")
        unsealed = kind.model._default_manager.filter(kind.final).exclude(pk__in=sealed)
        for record_id in unsealed.order_by("pk").values_list("pk", flat=True).iterator():
            with transaction.atomic():
                rows += seal(kind=kind, record_id=record_id)
            records += 1
    return records, rows


def recent(limit: int = 100) -> list[Model]:
    """The records most lately sealed (at most `limit`), as the readiness check verifies
    them: cheap enough for every few minutes; manage.py verify_history checks them all."""
    latest = HistorySeal.objects.order_by("-sealed_at", "-pk").values_list(
        "record_type", "record_id"
    )[: limit * 20]
    chosen: dict[tuple[int, int], None] = {}
    for pair in latest:
        chosen.setdefault(pair)
        if len(chosen) == limit:
            break
    return [
        ContentType.objects.get_for_id(type_id).model_class()(pk=record_id)
        for type_id, record_id in chosen
    ]


@dataclass(frozen=True)
class Report:
    problems: list[str]
    rows: int  # sealed history rows checked
    records: int  # records whose history was checked


def verify(records=None) -> list[str]:
    """What no longer holds in the sealed history (of `records` only, if given), in plain
    words: nothing, if it is intact."""
    return check(records).problems


def check(records=None) -> Report:
    wanted: dict[type[Model], list[int]] | None = None
    if records is not None:
        wanted = defaultdict(list)
        for record in records:
            wanted[type(record)].append(record.pk)
    problems, rows, checked = [], 0, 0
    for kind in registry.KINDS.values():
        if history_of(kind) is None or (wanted is not None and kind.model not in wanted):
            continue
        found = _check_kind(kind, wanted[kind.model] if wanted is not None else None)
        problems += found.problems
        rows += found.rows
        checked += found.records
    return Report(problems, rows, checked)


def _check_kind(kind, record_ids: list[int] | None) -> Report:
    seals = HistorySeal.objects.filter(record_type=ContentType.objects.get_for_model(kind.model))
    if record_ids is not None:
        seals = seals.filter(record_id__in=record_ids)
    chains: dict[int, list[HistorySeal]] = defaultdict(list)
    for each in seals.order_by("record_id", "history_id", "pk"):
        chains[each.record_id].append(each)
    problems = []
    sealed_records = sorted(chains)
    for start in range(0, len(sealed_records), BATCH):
        ids = sealed_records[start : start + BATCH]
        stored: dict[int, dict[int, Model]] = defaultdict(dict)
        for row in _rows_of(kind, ids):
            stored[getattr(row, kind.model._meta.pk.attname)][row.history_id] = row
        for record_id in ids:
            problems += _check_chain(kind, record_id, chains[record_id], stored[record_id])
    unsealed = kind.model._default_manager.filter(kind.final).exclude(pk__in=list(chains))
    if record_ids is not None:
        unsealed = unsealed.filter(pk__in=record_ids)
    for record_id in unsealed.order_by("pk").values_list("pk", flat=True):
        problems.append(f"{kind.noun} {record_id} is final, but its history was never sealed")
    return Report(problems, sum(len(chain) for chain in chains.values()), len(chains))


def _check_chain(kind, record_id: int, chain: list[HistorySeal], rows: dict[int, Model]):
    problems = []
    previous = ""
    for each in chain:
        where = f"{kind.noun} {record_id}, history row {each.history_id}"
        if each.previous_digest != previous:
            problems.append(f"{where}: its seal does not follow the one before it ({BROKEN})")
        row = rows.pop(each.history_id, None)
        if row is None:
            problems.append(f"{where}: the row is missing (deleted after it was sealed)")
        elif not holds(each, row):
            problems.append(f"{where}: the row was changed after it was sealed")
        previous = each.digest
    for history_id in sorted(rows):
        where = f"{kind.noun} {record_id}, history row {history_id}"
        problems.append(f"{where}: the row was never sealed (added behind the application's back)")
    return problems
