"""The tools' records as other tools may cite and pack them, without importing each other:
each tool registers its record kind here when Django starts (its AppConfig.ready), and a
board assurance review lists, cites and packs records through this registry alone."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from idmf.core.models import Action


@dataclass(frozen=True)
class RecordKind:
    """One tool's record: what it is called, which of them are final (approved, authorised,
    complete: what may be packed), and its PDF as the tool itself exports it."""

    model: type[Model]
    noun: str  # "EDS report"
    final: Q  # the records that may be packed
    queryset: Callable[[], QuerySet]  # with what `status` and `pdf` read, fetched at once
    status: Callable[[Model], str]  # "Approved", "Draft", …, as the record's page says it
    pdf: Callable[[Model], tuple[str, dict]]  # the PDF template and its context
    title: Callable[[Model], str] = str
    # The actions the record raised (an EDS report's are raised by its objectives).
    actions: Callable[[Model], QuerySet] | None = None

    def actions_of(self, record) -> QuerySet:
        return self.actions(record) if self.actions else Action.objects.raised_by(record)

    @property
    def key(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)


KINDS: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> None:
    KINDS[kind.key] = kind


def kind_for(model: type[Model]) -> RecordKind:
    return KINDS[f"{model._meta.app_label}.{model._meta.model_name}"]


def records_of(organisation, *, final_only: bool = False, kinds=None) -> list[tuple]:
    """(kind, record) for every registered record of `organisation`, newest first within a
    kind; one query per kind."""
    found = []
    for kind in kinds or KINDS.values():
        records = kind.queryset().filter(organisation=organisation)
        if final_only:
            records = records.filter(kind.final)
        found.extend((kind, record) for record in records)
    return found


def fetch(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], Model]:
    """The records named by (content type id, record id), one query per kind."""
    by_type: dict[int, list[int]] = {}
    for type_id, record_id in pairs:
        by_type.setdefault(type_id, []).append(record_id)
    found = {}
    for type_id, ids in by_type.items():
        try:
            model = ContentType.objects.get_for_id(type_id).model_class()
            kind = kind_for(model)
        except (ContentType.DoesNotExist, KeyError, AttributeError):
            continue  # not a kind of record: none of them is found

        for record in kind.queryset().filter(pk__in=ids):
            found[(type_id, record.pk)] = record
    return found
