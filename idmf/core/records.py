"""The tools' records as other tools may cite and pack them, without importing each other:
each tool registers its record kind here when Django starts (its AppConfig.ready), and a
board assurance review lists, cites and packs records through this registry alone."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from idmf.core.dashboard import register_panel
from idmf.core.dashboard_kept import counts_changes_of
from idmf.core.links import address_for
from idmf.core.permissions import Perm, get_for_user_or_404


@dataclass(frozen=True)
class RecordKind:
    """One tool's record: what it is called, which of them are final (approved, authorised,
    complete: what may be packed), and its PDF as the tool itself exports it."""

    model: type[Model]
    noun: str  # "EDS report"
    final: Q  # the records that may be packed
    # The records still being written: their authors may share them with colleagues, and a
    # leaver's are offered to a colleague.
    draft: Q
    queryset: Callable[[], QuerySet]  # with what `status` and `pdf` read, fetched at once
    status: Callable[[Model], str]  # "Approved", "Draft", …, as the record's page says it
    pdf: Callable[[Model], tuple[str, dict]]  # the PDF template and its context
    title: Callable[[Model], str] = str
    # The actions the record raised (an EDS report's are raised by its objectives).
    actions: Callable[[Model], QuerySet] | None = None
    # The record's parts that raise actions for it (an EDS report's objectives), each with
    # the field that names the record ("report").
    raisers: dict[type[Model], str] = field(default_factory=dict)
    # The record's own content as plain data for its JSON export (its fields, answers,
    # ratings, with the reference data's codes); `record_data` adds what every record has.
    data: Callable[[Model], dict] | None = None
    # The public register: which records are on it (None: this kind is never published),
    # since when, and where the public reads one (the register's own page, if None).
    public: Q | None = None
    published_field: str = "published_at"  # the time each went on the register
    public_url: Callable[[Model], str] | None = None
    # The register's page of a record: a few rows of what it is ((label, text), …).
    public_summary: Callable[[Model], list[tuple[str, str]]] | None = None
    # The status in which its organisation may choose to put one on the register or take
    # it off (approved EHIIRAs and reviews; "": not by choice).
    published_when: str = ""
    # Colleagues of partner organisations in the record's system may be added to a draft
    # (a joint decision); else colleagues of its own organisation only.
    joint: bool = False
    # Who may write the organisation's records of this kind, and so add colleagues to one.
    drafters: tuple = (Perm.EDIT_RECORDS,)
    # Whether its records raise actions (the tracker filters by the kinds that do).
    raises_actions: bool = True

    def published(self) -> QuerySet:
        return self.queryset().filter(self.public)

    def published_at(self, record):
        return getattr(record, self.published_field)

    def public_address(self, record) -> str:
        """Where the public reads one of these records: the tool's own public page, else the
        register's."""
        if self.public_url:
            return self.public_url(record)
        return address_for("register_record", self.key, record.pk)

    @property
    def key(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def raising_types(self) -> list[ContentType]:
        """The content types of whatever raises this kind's actions: the record, its parts."""
        return list(ContentType.objects.get_for_models(self.model, *self.raisers).values())


KINDS: dict[str, RecordKind] = {}
# What shared apps do with each kind as it is registered (e.g. the register counts its
# published records): each is called with every kind, whenever it is registered.
WATCHERS: list = []


def register(kind: RecordKind, **more) -> None:
    """Register a tool's kind of record; `more` adds what is built by modules that import
    the one defining the kind (its JSON `data`)."""
    KINDS[kind.key] = replace(kind, **more)
    for watch in WATCHERS:
        watch(KINDS[kind.key])


def watch_kinds(watch) -> None:
    """Call `watch(kind)` for every kind of record, registered already or later."""
    if watch not in WATCHERS:
        WATCHERS.append(watch)
        for kind in list(KINDS.values()):
            watch(kind)


def register_tool(kind: RecordKind, *, data, panel, counts=()) -> None:
    """What a tool offers the rest when Django starts (its AppConfig.ready): its kind of
    record, with its JSON `data`, and its panel of the health-equity dashboard with what
    the panel `counts`: (model, its row's organisation), so a change to one of them means
    the panel is counted again (idmf.core.dashboard_kept)."""
    register(kind, data=data)
    register_panel(panel)
    for model, organisation_of in counts:
        counts_changes_of(model, organisation_of, panel=panel)


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


def _raiser(model) -> tuple[RecordKind, str] | None:
    """The kind of record a model's rows raise actions for, and the field naming it."""
    for kind in KINDS.values():
        if model is kind.model:
            return kind, ""
        if model in kind.raisers:
            return kind, kind.raisers[model]
    return None


def sources_of(actions) -> dict[int, tuple[RecordKind, Model]]:
    """For each action (by id), the kind and the record that raised it (an objective's EDS
    report, a cell's review): one query per kind of raiser, whatever the number of actions."""
    by_type: dict[int, dict[int, list[int]]] = {}
    for action in actions:
        if action.source_type_id:
            by_type.setdefault(action.source_type_id, {}).setdefault(action.source_id, []).append(
                action.pk
            )
    found = {}
    for type_id, raised in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        known = _raiser(model) if model else None
        if known is None:
            continue
        kind, path = known
        raisers = model.objects.filter(pk__in=raised)
        for raiser in raisers.select_related(path) if path else raisers:
            record = getattr(raiser, path) if path else raiser
            for action_id in raised[raiser.pk]:
                found[action_id] = (kind, record)
    return found


def record_of(request, kind_key: str, pk: int):
    """The kind named in a URL ("assessments.assessment") and its record `pk`, for someone
    who may read it (else 404)."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise Http404("No such kind of record")
    return kind, get_for_user_or_404(request.user, kind.queryset(), Perm.VIEW_RECORDS, pk=pk)
