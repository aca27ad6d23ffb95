"""Turn simple-history rows into a readable, field-by-field change log."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist

from idmf.core.models import person_name

# Bookkeeping that would only add noise to a change log.
HIDDEN_FIELDS = {"id", "version", "updated_at"}
KIND_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    subject: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    order: int = 0  # the history row's id: keeps saves in the same instant in order
    objects: set = field(default_factory=set)  # (model, id) of the rows it stands for


def _display(historical, model_field) -> str:
    if model_field.choices:
        value = getattr(historical, model_field.attname)
        return str(dict(model_field.flatchoices).get(value, value or ""))
    if model_field.is_relation and model_field.many_to_one:
        try:
            related = getattr(historical, model_field.name)
        except ObjectDoesNotExist:
            return f"(removed #{getattr(historical, model_field.attname)})"
        return "" if related is None else str(related)
    value = getattr(historical, model_field.attname)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _tracked_fields(historical):
    recorded = {f.attname for f in type(historical)._meta.concrete_fields}
    return [
        f
        for f in historical.instance_type._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and f.attname in recorded
    ]


def _m2m_names(historical, field, value) -> str:
    """A many-to-many field's value, as simple-history stores it, by the related names."""
    ids = [row[field.m2m_reverse_field_name()] for row in value]
    related = field.related_model._default_manager.in_bulk(ids)
    return ", ".join(sorted(str(related[i]) for i in ids if i in related))


def _entry(historical, previous) -> HistoryEntry:
    by_name = {f.name: f for f in _tracked_fields(historical)}
    m2m = {f.name: f for f in getattr(historical, "_history_m2m_fields", [])}
    if previous is None or historical.history_type != "~":
        changes = [
            FieldChange(str(f.verbose_name).capitalize(), "", _display(historical, f))
            for f in by_name.values()
            if _display(historical, f) != ""
        ]
        if historical.history_type == "-":
            changes = []
    else:
        delta = historical.diff_against(previous, included_fields=[*by_name, *m2m])
        changes = []
        for c in delta.changes:
            if c.field in m2m:
                field = m2m[c.field]
                before, after = (_m2m_names(historical, field, v) for v in (c.old, c.new))
            else:
                field = by_name[c.field]
                before, after = _display(previous, field), _display(historical, field)
            changes.append(FieldChange(str(field.verbose_name).capitalize(), before, after))
    user = historical.history_user
    return HistoryEntry(
        when=historical.history_date,
        who=person_name(user) if user else "System",
        kind=KIND_LABELS[historical.history_type],
        subject=str(historical.instance),
        reason=historical.history_change_reason or "",
        changes=changes,
        order=historical.history_id,
        objects={(type(historical).__name__, historical.instance.pk)},
    )


def _one_per_action(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """One entry per thing a person did: the rows one save wrote (the record and its parts,
    same person, same reason, within a second) become one, and a row that changed
    nothing but bookkeeping says nothing on its own."""
    merged: list[HistoryEntry] = []
    for entry in entries:
        last = merged[-1] if merged else None
        if (
            last
            and entry.reason
            and (last.who, last.reason) == (entry.who, entry.reason)
            and abs((last.when - entry.when).total_seconds()) < 1
            and not (last.objects & entry.objects)  # two saves of one row are two actions
        ):
            last.changes += entry.changes
            last.objects |= entry.objects
            if last.kind == "Changed" and entry.kind != "Changed" and entry.changes:
                last.kind, last.subject = entry.kind, entry.subject
            continue
        merged.append(entry)
    return [e for e in merged if e.changes or e.kind != "Changed" or e.reason]


def history_entries(*history_querysets) -> list[HistoryEntry]:
    """Entries for one or more records' histories, newest first.

    Pass a record's `history` manager and, where a record is made of parts
    (e.g. an assessment and its answers), the parts' history querysets too.
    """
    entries = []
    for queryset in history_querysets:
        rows = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        previous_by_object = {}
        for row in rows:
            object_id = getattr(row, row.instance_type._meta.pk.attname)
            entries.append(_entry(row, previous_by_object.get(object_id)))
            previous_by_object[object_id] = row
    entries.sort(key=lambda e: (e.when, e.order), reverse=True)
    return _one_per_action(entries)


def editors_in(record, *history_querysets, reasons: tuple[str, ...]) -> set[int]:
    """Everyone who wrote any part of a record: who started it, and each user in the
    histories of it and its parts, except for changes whose reason begins with one of
    `reasons` (reviewing it is not writing it)."""
    editors = {record.created_by_id}
    for rows in history_querysets:
        for reason in reasons:
            rows = rows.exclude(history_change_reason__startswith=reason)
        editors |= set(rows.exclude(history_user=None).values_list("history_user", flat=True))
    return editors
