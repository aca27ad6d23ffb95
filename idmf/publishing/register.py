"""The one public register: every record its organisation published (approved EHIIRAs it
chose to publish, completed decision records marked for publication, published EDS reports,
approved board reviews it chose to publish), through the registry of record kinds. No login;
nothing that is not published; a record taken off is gone at once (pages are revalidated on
every visit, never served stale); an Atom feed of what was newly published."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from idmf.core import records
from idmf.core.conditions import CannotTell, meets
from idmf.core.pdf import download_filename
from idmf.core.pdf_jobs import pdf_page
from idmf.core.permissions import Perm, get_for_user_or_404, has_permission
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import public_page
from idmf.publishing import public_pdf, services

LATEST = 20  # the newest records on the register's first page, and in the feed


@dataclass(frozen=True)
class Entry:
    """One published record as the register lists it."""

    kind: records.RecordKind
    record: object
    published_at: datetime

    @property
    def title(self) -> str:
        return str(self.kind.title(self.record))

    @property
    def url(self) -> str:
        return self.kind.public_address(self.record)


def public_kinds() -> list[records.RecordKind]:
    return [kind for kind in records.KINDS.values() if kind.public is not None]


def _moment(value) -> datetime:
    """A date or time as an aware time, for sorting and the feed."""
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time()))


def register_crumbs(system) -> list[dict]:
    """The breadcrumbs down to a system's page of the register."""
    return [
        {"text": "Public register", "href": reverse("register")},
        {"text": system.name, "href": reverse("register_system", args=[system.pk])},
    ]


def latest(*, organisation=None, limit=LATEST) -> list[Entry]:
    """The most recently published records (of one organisation), newest first: one query a
    kind."""
    found = []
    for kind in public_kinds():
        published = kind.published()
        if organisation is not None:
            published = published.filter(organisation=organisation)
        found.extend(
            Entry(kind, record, _moment(kind.published_at(record)))
            for record in published.order_by(f"-{kind.published_field}", "-pk")[: limit or None]
        )
    found.sort(key=lambda entry: entry.published_at, reverse=True)
    return found[:limit] if limit else found


def _published(kind_key: str, pk: int):
    kind = records.KINDS.get(kind_key)
    if kind is None or kind.public is None:
        raise Http404("Not a kind of record that is published")
    return kind, get_object_or_404(kind.published(), pk=pk)


@public_page
def register_record(request, kind, pk):
    kind, record = _published(kind, pk)
    if kind.public_url:  # the tool has its own public page of the record
        return redirect(kind.public_url(record))
    return render(
        request,
        "publishing/register/record.html",
        {
            "kind": kind,
            "record": record,
            "title": kind.title(record),
            "published_at": kind.published_at(record),
            "summary": kind.public_summary(record) if kind.public_summary else [],
            "breadcrumbs": [
                *register_crumbs(record.organisation.system),
                {
                    "text": record.organisation.name,
                    "href": reverse("register_organisation", args=[record.organisation.pk]),
                },
            ],
        },
    )


@public_page
def register_pdf(request, kind, pk):
    kind, record = _published(kind, pk)
    # A published record is final: its PDF is rendered once and kept (until it changes).
    filename = download_filename(kind.noun, str(kind.title(record)), record.organisation.name)
    return pdf_page(
        request,
        key=public_pdf.public_key(record),
        context=lambda: public_pdf.public_page(record),
        filename=filename,
    )


@require_POST
def publish_record(request, kind, pk):
    """Put a final record on the register, or take it off (`publish` is "yes" or "no"): its
    organisation's approvers and admins choose."""
    kind = records.KINDS.get(kind)
    if kind is None or not kind.published_when:
        raise Http404("Not a kind of record that is published by choice")
    record = get_for_user_or_404(request.user, kind.queryset(), Perm.PUBLISH_RECORDS, pk=pk)
    publishing = request.POST.get("publish") == "yes"
    try:
        services.set_published(record, published=publishing, by=request.user)
    except AlreadyDone as done:
        messages.info(request, str(done))
    except Refused as refused:
        raise PermissionDenied(str(refused)) from None
    else:
        messages.success(
            request,
            "Published on the public register" if publishing else "Taken off the public register",
        )
    return redirect(record)


def publishing_of(user, record) -> dict:
    """What a record's page offers about the register: whether it is on it (and where), and
    whether this person may put it on or take it off."""
    kind = records.kind_for(type(record))
    if kind.public is None:
        return {}
    try:  # decided from the row as the page read it
        on_register, final = meets(record, kind.public), meets(record, kind.final)
    except CannotTell:  # else both asked of the record's row in one query
        found = kind.model.objects.filter(pk=record.pk).aggregate(
            on_register=Count("pk", filter=kind.public), final=Count("pk", filter=kind.final)
        )
        on_register, final = bool(found["on_register"]), bool(found["final"])
    final = final or on_register  # what is published is final
    return {
        "kind": kind,
        "record": record,
        "on_register": on_register,
        "public_url": kind.public_address(record) if on_register else "",
        "may_choose": bool(
            kind.published_when
            and final
            and has_permission(user, Perm.PUBLISH_RECORDS, record.organisation)
        ),
    }
