"""Turn simple-history rows into a readable, field-by-field change log."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist

from idmf.core.dates import nhs_date, nhs_datetime
from idmf.core.models import person_name

# Bookkeeping that would only add noise to a change log.
HIDDEN_FIELDS = {"id", "version", "updated_at", "steps_completed"}
KIND_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted"}
# What a link to a record of any kind (a generic foreign key) is called in a change log.
LINK_LABELS = {"source": "Raised by", "record": "Record"}


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


class _Related:
    """The objects a set of history rows point at, read in a fixed number of queries: one
    per related model (with that model's own foreign keys joined, for names such as
    "EDS 2025: Leeds"), and one per many-to-many field for the sets each row recorded."""

    def __init__(self, rows):
        wanted: dict[type, set] = {}
        for row in rows:
            for f in _tracked_fields(row):
                if f.is_relation and f.many_to_one and getattr(row, f.attname) is not None:
                    wanted.setdefault(f.related_model, set()).add(getattr(row, f.attname))
            for link in _links(row):
                kind, pk = _link_of(row, link)
                if kind is not None and pk is not None:
                    model = ContentType.objects.get_for_id(kind).model_class()
                    if model is not None:
                        wanted.setdefault(model, set()).add(pk)
        self.sets: dict[tuple[str, int], set] = {}
        for some_row, ids in _group(rows).values():
            for m2m in some_row._history_m2m_fields:
                through = getattr(some_row, m2m.name).model  # the recorded sets' table
                target = m2m.m2m_reverse_field_name()
                pairs = through.objects.filter(history_id__in=ids).values_list(
                    "history_id", f"{target}_id"
                )
                for history_id, target_id in pairs:
                    self.sets.setdefault((m2m.name, history_id), set()).add(target_id)
                    wanted.setdefault(m2m.related_model, set()).add(target_id)
        self.objects = {
            model: model._default_manager.select_related(*_foreign_keys(model)).in_bulk(ids)
            for model, ids in wanted.items()
        }

    def get(self, model, pk):
        return self.objects.get(model, {}).get(pk)

    def linked(self, historical, link: GenericForeignKey) -> str:
        """The record a generic link names, by its title."""
        kind, pk = _link_of(historical, link)
        if kind is None or pk is None:
            return ""
        model = ContentType.objects.get_for_id(kind).model_class()
        found = self.get(model, pk) if model is not None else None
        return "(removed)" if found is None else str(found)

    def names(self, historical, m2m) -> str:
        ids = self.sets.get((m2m.name, historical.history_id), set())
        found = (self.get(m2m.related_model, pk) for pk in ids)
        return ", ".join(sorted(str(o) for o in found if o is not None))

    def subject(self, historical) -> str:
        """The row's name as its model gives it, with what that name reads already here."""
        instance = historical.instance
        for f in instance._meta.concrete_fields:
            if f.is_relation and f.many_to_one and getattr(instance, f.attname) is not None:
                f.set_cached_value(
                    instance, self.get(f.related_model, getattr(instance, f.attname))
                )
        try:
            return str(instance)
        except ObjectDoesNotExist:  # it names itself by something since removed
            return f"{instance._meta.verbose_name.capitalize()} #{instance.pk}"


def _pk(historical) -> str:
    return historical.instance_type._meta.pk.attname


def _group(rows) -> dict[type, tuple]:
    """The rows' history ids by history model, each with one of its rows."""
    groups: dict[type, tuple] = {}
    for row in rows:
        groups.setdefault(type(row), (row, []))[1].append(row.history_id)
    return groups


def _foreign_keys(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation and f.many_to_one]


def _links(historical) -> list[GenericForeignKey]:
    """The model's links to a record of any kind (content type and id)."""
    return [
        f for f in historical.instance_type._meta.private_fields if isinstance(f, GenericForeignKey)
    ]


def _link_of(historical, link: GenericForeignKey) -> tuple[int | None, int | None]:
    kind_field = historical.instance_type._meta.get_field(link.ct_field)
    return getattr(historical, kind_field.attname, None), getattr(historical, link.fk_field, None)


def _link_label(link: GenericForeignKey) -> str:
    return LINK_LABELS.get(link.name, link.name.replace("_", " ").capitalize())


def _display(historical, model_field, related: _Related) -> str:
    value = getattr(historical, model_field.attname)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value or ""))
    if model_field.is_relation and model_field.many_to_one:
        if value is None:
            return ""
        found = related.get(model_field.related_model, value)
        return f"(removed #{value})" if found is None else str(found)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return nhs_datetime(value)
    if isinstance(value, date):
        return nhs_date(value)
    return str(value)


def _tracked_fields(historical):
    history_model = type(historical)
    if "_tracked" not in history_model.__dict__:
        recorded = {f.attname for f in history_model._meta.concrete_fields}
        # A link's content type and id show as one value, the record's title (`_links`).
        link_parts = {
            part for link in _links(historical) for part in (link.ct_field, link.fk_field)
        }
        history_model._tracked = [
            f
            for f in historical.instance_type._meta.concrete_fields
            if f.name not in HIDDEN_FIELDS | link_parts and f.attname in recorded
        ]
    return history_model._tracked


def _changes(historical, previous, related: _Related) -> list[FieldChange]:
    fields = _tracked_fields(historical)
    if historical.history_type == "-":
        return []
    if previous is None or historical.history_type != "~":
        shown = [(_label(f), _display(historical, f, related)) for f in fields]
        shown += [
            (_link_label(link), related.linked(historical, link)) for link in _links(historical)
        ]
        return [FieldChange(label, "", after) for label, after in shown if after != ""]
    changes = [
        FieldChange(_label(f), _display(previous, f, related), _display(historical, f, related))
        for f in fields
        if getattr(previous, f.attname) != getattr(historical, f.attname)
    ]
    for link in _links(historical):
        if _link_of(previous, link) != _link_of(historical, link):
            changes.append(
                FieldChange(
                    _link_label(link),
                    related.linked(previous, link),
                    related.linked(historical, link),
                )
            )
    for m2m in getattr(historical, "_history_m2m_fields", []):
        before, after = related.names(previous, m2m), related.names(historical, m2m)
        if before != after:
            changes.append(FieldChange(_label(m2m), before, after))
    return changes


def _label(model_field) -> str:
    return str(model_field.verbose_name).capitalize()


def _entry(historical, previous, related: _Related) -> HistoryEntry:
    user = historical.history_user
    return HistoryEntry(
        when=historical.history_date,
        who=person_name(user) if user else "System",
        kind=KIND_LABELS[historical.history_type],
        subject=related.subject(historical),
        reason=historical.history_change_reason or "",
        changes=_changes(historical, previous, related),
        order=historical.history_id,
        objects={(type(historical).__name__, getattr(historical, _pk(historical)))},
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
    """Entries for one or more records' histories, newest first, in a number of queries
    that does not grow with the length of the history.

    Pass a record's `history` manager and, where a record is made of parts
    (e.g. an assessment and its answers), the parts' history querysets too.
    """
    row_sets = [
        list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        for queryset in history_querysets
    ]
    related = _Related([row for rows in row_sets for row in rows])
    entries = []
    for rows in row_sets:
        previous_by_object = {}
        for row in rows:
            object_id = getattr(row, _pk(row))
            entries.append(_entry(row, previous_by_object.get(object_id), related))
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


def record_and_parts_history(record, parent: str, *parts) -> list:
    """The history of `record` and of each part model whose rows point at it by `parent`
    (a field name such as "report_id"), in that order: what a record's history page reads."""
    return [record.history.all(), *(part.history.filter(**{parent: record.pk}) for part in parts)]


def history_with_parts(parent: str, *parts):
    """A record's history (`RecordPages.history`) where it is only itself and its parts that
    point at it by `parent`: `record_and_parts_history` for each record."""
    return lambda record: record_and_parts_history(record, parent, *parts)
