"""E-mail notices: when a record is sent for approval, approved or returned, an action is
given to someone, a pack is ready; and the reminders a periodic job sends (an action
overdue, a decision's review date, the EDS publication date). Each event mails each person
once, unless they switched its kind off.

A notice is written to the outbox (`Notice`) with the change that caused it, and sent
after the change is committed, by the background worker (`deliver_notices`) or by the
reminders job; an e-mail server that is down delays the mail, never the user's page."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from idmf.core.models import Action, Notice, NoticeKind, NoticeOptOut
from idmf.core.permissions import ROLE_PERMISSIONS, Perm, members_of

log = logging.getLogger(__name__)


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def notify(kind: NoticeKind, *, users, key: str, subject: str, body: str) -> list[Notice]:
    """Queue the e-mail for each of `users` (without repeats) who has not switched `kind` off
    and has an e-mail address, once per `key`: the same event never mails anyone twice."""
    people = {user.pk: user for user in users if user is not None and user.email}
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
                    Notice.objects.create(
                        kind=kind, key=key, user=user, subject=subject[:300], body=body
                    )
                )
        except IntegrityError:
            continue  # this event was already notified to them
    if queued:
        transaction.on_commit(lambda: deliver_notices.enqueue())
    return queued


def approvers_of(organisation, *, besides=()):
    """Who may approve the organisation's records (its approvers, and its system's)."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.APPROVE_RECORDS in perms]
    skip = {user.pk for user in besides}
    return [
        user
        for user in members_of(organisation).filter(
            memberships__role__in=roles,
        )
        if user.pk not in skip
    ]


def record_submitted(record, *, noun: str, by) -> None:
    """`record` (an EHIIRA, EDS report, review) now waits for its organisation's approvers."""
    notify(
        NoticeKind.SUBMITTED,
        users=approvers_of(record.organisation, besides=[by]),
        key=f"{record._meta.label_lower}:{record.pk}:v{record.version}:submitted",
        subject=f"For your approval: {noun} – {record}",
        body=(
            f"{by.get_full_name() or by.username} sent this {noun} of {record.organisation} "
            f"for approval:\n\n{record}\n\n{link(record.get_absolute_url())}\n"
        ),
    )


def record_decided(record, *, noun: str, outcome: str, comment: str = "", by) -> None:
    """Tell the record's author it was `outcome` ("approved", "returned", "authorised")."""
    said = f"\n\nTheir comment:\n{comment}" if comment else ""
    notify(
        NoticeKind.DECIDED,
        users=[record.created_by],
        key=f"{record._meta.label_lower}:{record.pk}:v{record.version}:{outcome}",
        subject=f"{noun[0].upper()}{noun[1:]} {outcome}: {record}",
        body=(
            f"{by.get_full_name() or by.username} {outcome} the {noun} you started:\n\n"
            f"{record}{said}\n\n{link(record.get_absolute_url())}\n"
        ),
    )


def action_assigned(action, *, by) -> None:
    if action.assignee_id is None or action.assignee_id == by.pk:
        return
    notify(
        NoticeKind.ACTION_ASSIGNED,
        users=[action.assignee],
        key=f"action:{action.pk}:assigned:{action.assignee_id}",
        subject=f"Action for you: {action.title[:200]}",
        body=(
            f"{by.get_full_name() or by.username} gave you an action of "
            f"{action.organisation}, due {action.due_date:%d %B %Y}:\n\n{action.title}\n\n"
            f"Update its status and add progress notes here:\n"
            f"{link(action.get_absolute_url())}\n"
        ),
    )


def pack_ready(pack) -> None:
    notify(
        NoticeKind.PACK_READY,
        users=[pack.created_by],
        key=f"pack:{pack.pk}:ready",
        subject=f"Assurance pack ready: {pack}",
        body=f"The assurance pack you asked for is ready to download:\n\n"
        f"{link(pack.get_absolute_url())}\n",
    )


@task()
def deliver_notices() -> int:
    """Send every queued notice; returns how many were sent."""
    return deliver_pending()


def deliver_pending() -> int:
    sent = 0
    for notice in Notice.objects.filter(sent_at__isnull=True).select_related("user")[:500]:
        # Claim it first: two workers never send the same notice.
        if not Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        ):
            continue
        try:
            send_mail(notice.subject, notice.body, None, [notice.user.email])
        except Exception:
            log.exception("Notice %s could not be sent; it will be tried again", notice.pk)
            Notice.objects.filter(pk=notice.pk).update(sent_at=None)
            continue
        sent += 1
    return sent


def actions_overdue(*, today) -> int:
    """Tell each open action's owner (or, with no owner's account, whoever raised it) when
    it becomes overdue: once for each due date it passes."""
    queued = 0
    late = Action.objects.still_open().filter(due_date__lt=today)
    for action in late.select_related("assignee", "created_by", "organisation"):
        queued += len(
            notify(
                NoticeKind.ACTION_OVERDUE,
                users=[action.assignee or action.created_by],
                key=f"action:{action.pk}:overdue:{action.due_date.isoformat()}",
                subject=f"Action overdue: {action.title[:200]}",
                body=(
                    f"This action of {action.organisation} was due on "
                    f"{action.due_date:%d %B %Y}:\n\n{action.title}\n\n"
                    f"Mark it done, or add a progress note:\n{link(action.get_absolute_url())}\n"
                ),
            )
        )
    return queued
