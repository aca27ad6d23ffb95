"""E-mail notices: when a record is sent for approval, approved or returned, an action is
given to someone, a pack is ready; and the reminders a periodic job sends (an action
overdue, a decision's review date, the EDS publication date). Each event mails each person
once, unless they switched its kind off.

A notice is written to the outbox (`Notice`) with the change that caused it, and sent
after the change is committed, by the background worker (`deliver_notices`) or by the
reminders job; an e-mail server that is down delays the mail, never the user's page."""

from django.conf import settings
from django.db import IntegrityError, transaction

from idmf.core.logs import queue_on_commit
from idmf.core.models import person_name
from idmf.core.permissions import (
    Perm,
    co_authors_of,
    has_permission,
    members_of,
    roles_with,
)
from idmf.core.text import printable
from idmf.notices.delivery import deliver_notices
from idmf.notices.models import Notice, NoticeKind, NoticeOptOut


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def notify(
    kind: NoticeKind, *, users, organisation, key: str, subject: str, body: str
) -> list[Notice]:
    """Queue the e-mail for each of `users` (without repeats) who still belongs to the
    `organisation` the event is about (None: the caller has checked they may read it), has
    an e-mail address and has not switched `kind` off; once per `key`: the same event never
    mails anyone twice."""
    people = {
        user.pk: user
        for user in users
        if user is not None
        and user.email
        and (organisation is None or has_permission(user, Perm.VIEW_RECORDS, organisation))
    }
    # One line, without control characters, whatever a record's title holds: a header never
    # breaks.
    subject = " ".join(printable(subject, multiline=False).split())[:300]
    body = printable(body)
    if not people:
        return []
    off = set(
        NoticeOptOut.objects.filter(user__in=list(people), kind=kind).values_list("user", flat=True)
    )
    queued = []
    for pk, user in people.items():
        if pk in off or not user.is_active:
            continue
        try:
            with transaction.atomic():
                queued.append(
                    Notice.objects.create(kind=kind, key=key, user=user, subject=subject, body=body)
                )
        except IntegrityError:
            continue  # this event was already notified to them
    if queued:
        queue_on_commit(deliver_notices)
    return queued


def approvers_of(organisation, *, besides: set[int]):
    """Who may approve the organisation's records (its approvers, and its system's), but
    the people (ids) `besides`."""
    roles = roles_with(Perm.APPROVE_RECORDS)
    return [user for user in members_of(organisation, roles=roles) if user.pk not in besides]


def record_submitted(record, *, noun: str, editors: set[int], by) -> None:
    """`record` (an EHIIRA, EDS report, review) now waits for its organisation's approvers,
    but those who wrote or changed it (`editors`, ids) and its co-authors, who may not
    approve it."""
    notify(
        NoticeKind.SUBMITTED,
        users=approvers_of(record.organisation, besides={by.pk, *editors, *co_authors_of(record)}),
        organisation=record.organisation,
        key=f"{record._meta.label_lower}:{record.pk}:v{record.version}:submitted",
        subject=f"For your approval: {noun} – {record}",
        body=(
            f"{person_name(by)} sent this {noun} of {record.organisation} "
            f"for approval:\n\n{record}\n\n{link(record.get_absolute_url())}\n"
        ),
    )


def record_decided(record, *, noun: str, outcome: str, comment: str = "", by) -> None:
    """Tell the record's author it was `outcome` ("approved", "returned", "authorised")."""
    said = f"\n\nTheir comment:\n{comment}" if comment else ""
    notify(
        NoticeKind.DECIDED,
        users=[record.created_by],
        organisation=record.organisation,
        key=f"{record._meta.label_lower}:{record.pk}:v{record.version}:{outcome}",
        subject=f"{noun[0].upper()}{noun[1:]} {outcome}: {record}",
        body=(
            f"{person_name(by)} {outcome} the {noun} you started:\n\n"
            f"{record}{said}\n\n{link(record.get_absolute_url())}\n"
        ),
    )


def pack_ready(pack) -> None:
    notify(
        NoticeKind.PACK_READY,
        users=[pack.created_by],
        organisation=pack.organisation,
        key=f"pack:{pack.pk}:ready",
        subject=f"Assurance pack ready: {pack}",
        body=f"The assurance pack you asked for is ready to download:\n\n"
        f"{link(pack.get_absolute_url())}\n",
    )
