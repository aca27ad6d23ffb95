"""Turn simple-history rows into a readable, field-by-field change log."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist

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


def _entry(historical, previous) -> HistoryEntry:
    by_name = {f.name: f for f in _tracked_fields(historical)}
    if previous is None or historical.history_type != "~":
        changes = [
            FieldChange(str(f.verbose_name).capitalize(), "", _display(historical, f))
            for f in by_name.values()
            if _display(historical, f) != ""
        ]
        if historical.history_type == "-":
            changes = []
    else:
        delta = historical.diff_against(previous, included_fields=list(by_name))
        changes = [
            FieldChange(
                str(by_name[c.field].verbose_name).capitalize(),
                _display(previous, by_name[c.field]),
                _display(historical, by_name[c.field]),
            )
            for c in delta.changes
        ]
    user = historical.history_user
    return HistoryEntry(
        when=historical.history_date,
        who=(user.get_full_name() or user.get_username()) if user else "System",
        kind=KIND_LABELS[historical.history_type],
        subject=str(historical.instance),
        reason=historical.history_change_reason or "",
        changes=changes,
    )


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
            previous = previous_by_object.get(object_id)
            entry = _entry(row, previous)
            if entry.changes or entry.kind != "Changed" or entry.reason:
                entries.append(entry)
            previous_by_object[object_id] = row
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
