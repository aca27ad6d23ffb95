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
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from idmf.core.models import Action, Notice, NoticeKind, NoticeOptOut, person_name
from idmf.core.permissions import (
    ROLE_PERMISSIONS,
    Perm,
    co_authors_of,
    has_permission,
    members_of,
)

log = logging.getLogger(__name__)


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
    subject = " ".join(subject.split())[:300]  # one line: a header never breaks
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
        transaction.on_commit(lambda: deliver_notices.enqueue())
    return queued


def approvers_of(organisation, *, besides: set[int]):
    """Who may approve the organisation's records (its approvers, and its system's), but
    the people (ids) `besides`."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.APPROVE_RECORDS in perms]
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


def action_assigned(action, *, by) -> None:
    if action.assignee_id is None or action.assignee_id == by.pk:
        return
    notify(
        NoticeKind.ACTION_ASSIGNED,
        users=[action.assignee],
        organisation=action.organisation,
        key=f"action:{action.pk}:assigned:{action.assignee_id}",
        subject=f"Action for you: {action.title[:200]}",
        body=(
            f"{person_name(by)} gave you an action of "
            f"{action.organisation}, due {action.due_date:%d %B %Y}:\n\n{action.title}\n\n"
            f"Update its status and add progress notes here:\n"
            f"{link(action.get_absolute_url())}\n"
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


def record_shared(share, *, record, noun: str, by) -> None:
    """Tell a colleague they were added to a record as co-author or reader."""
    label = share.get_access_display().split(" (")[0].lower()
    notify(
        NoticeKind.SHARED,
        users=[share.user],
        organisation=None,  # the share itself lets them read it
        key=f"{record._meta.label_lower}:{record.pk}:shared:{share.user_id}:{share.access}",
        subject=f"You are {label} of {noun} – {record}",
        body=(
            f"{person_name(by)} added you as {label} of this {noun} of "
            f"{record.organisation}:\n\n{record}\n\n{link(record.get_absolute_url())}\n\n"
            "It is listed on your home page.\n"
        ),
    )


def send_invitation(invitation, *, token: str) -> bool:
    """E-mail an invitation (to an address with no account yet, so not through the outbox:
    the token is never stored). Whether it was sent; if not, the admin passes the link on."""
    organisation = invitation.organisation
    days = (invitation.expires_at - invitation.created_at).days
    try:
        send_mail(
            f"Invitation to join {organisation} on Inclusive decisions",
            f"{person_name(invitation.invited_by)} invited you to join {organisation} as "
            f"{invitation.get_role_display().lower()}.\n\nAccept within {days} days here: you "
            f"can {ways_in()}.\n\n{invitation_link(token)}\n",
            None,
            [invitation.email],
        )
    except Exception:
        log.exception("The invitation %s could not be e-mailed", invitation.pk)
        return False
    return True


def ways_in() -> str:
    """How someone invited gets in: with NHSmail, when single sign-on is set up."""
    from idmf.core import sso

    return "sign in with NHSmail or set a password" if sso.configured() else "set a password"


def invitation_link(token: str) -> str:
    return link(reverse("invitation", args=[token]))


@task()
def deliver_notices() -> int:
    """Send every queued notice; returns how many were sent."""
    return deliver_pending()


def deliver_pending() -> int:
    sent = 0
    waiting = Notice.objects.filter(sent_at__isnull=True).select_related("user").order_by("pk")
    for notice in waiting[:500]:
        # Claim it first: two workers never send the same notice.
        if not Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        ):
            continue
        if not (notice.user.is_active and notice.user.email):
            continue  # the account was closed, or its address removed, meanwhile: not sent
        try:
            send_mail(notice.subject, notice.body, None, [notice.user.email])
        except Exception:
            log.exception("Notice %s could not be sent; it will be tried again", notice.pk)
            Notice.objects.filter(pk=notice.pk).update(sent_at=None)
            continue
        sent += 1
    return sent


def owner_of(action):
    """Whom an action's reminder goes to: its owner's account while they still belong to the
    organisation, else whoever raised it."""
    assignee = action.assignee
    if (
        assignee
        and assignee.is_active
        and has_permission(assignee, Perm.VIEW_RECORDS, action.organisation)
    ):
        return assignee
    return action.created_by


def actions_overdue(*, today) -> int:
    """Tell each open action's owner (or, with no owner's account, whoever raised it) when
    it becomes overdue: once for each due date it passes."""
    queued = 0
    late = Action.objects.still_open().filter(due_date__lt=today)
    for action in late.select_related("assignee", "created_by", "organisation"):
        queued += len(
            notify(
                NoticeKind.ACTION_OVERDUE,
                users=[owner_of(action)],
                organisation=action.organisation,
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
