"""People coming and going and working together: invitations (sent, withdrawn, accepted
with a password or NHSmail), leavers' accounts closed with their work passed on, and
colleagues added to a draft as co-authors or readers."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from idmf.actions import notices as action_notices
from idmf.actions.models import Action
from idmf.core import records
from idmf.core.models import (
    Membership,
    Role,
    Share,
    person_name,
)
from idmf.core.permissions import (
    ROLE_PERMISSIONS,
    Perm,
    colleagues_for,
    members_of,
    memberships_of,
    organisations_for,
    roles_with,
)
from idmf.core.services import (
    AlreadyDone,
    Refused,
    delete_with_history,
    save_with_history,
)
from idmf.core.words import count
from idmf.people import emails, rules
from idmf.people.closed import CLOSED
from idmf.people.models import Invitation


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(*, organisation, email: str, role: str, by) -> tuple[Invitation, str]:
    """Invite a person by e-mail address to join `organisation` in `role`. The invitation,
    and its token (for the e-mail's link; only its hash is kept)."""
    email = email.strip().lower()
    label = Role(role).label
    if Membership.objects.filter(
        organisation=organisation, role=role, user__email__iexact=email, user__is_active=True
    ).exists():
        raise Refused(f"{email} is already {label.lower()} of {organisation}")
    waiting = Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        role=role,
        status=Invitation.Status.WAITING,
        expires_at__gt=timezone.now(),
    )
    if waiting.exists():
        raise Refused(
            f"{email} has already been invited as {label.lower()}. Withdraw that invitation "
            "to send a new one."
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_DAYS),
    )
    save_with_history(
        invitation, by=by, reason=f"{person_name(by)} invited {email} as {label.lower()}"
    )
    return invitation, token


def _locked(invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )


@transaction.atomic
def revoke_invitation(*, invitation, by) -> Invitation:
    invitation = _locked(invitation)
    if invitation.state != Invitation.Status.WAITING:
        raise AlreadyDone(f"The invitation to {invitation.email} is no longer waiting")
    invitation.status = Invitation.Status.REVOKED
    invitation.ended_at = timezone.now()
    return save_with_history(invitation, by=by, reason=f"{person_name(by)} withdrew the invitation")


@transaction.atomic
def accept_invitation(*, invitation, user, by) -> Membership:
    """`user` joins the organisation in the invited role."""
    invitation = _locked(invitation)
    problem = rules.invitation_problem(
        state=invitation.state, invited=invitation.email, signed_in=user.email
    )
    if problem:
        raise Refused(problem)
    membership = Membership.objects.filter(
        organisation=invitation.organisation, user=user, role=invitation.role
    ).first() or save_with_history(
        Membership(organisation=invitation.organisation, user=user, role=invitation.role),
        by=by,
        reason=f"Joined by invitation from {person_name(invitation.invited_by)}",
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = user
    invitation.ended_at = timezone.now()
    save_with_history(invitation, by=by, reason=f"Accepted by {person_name(user)}")
    return membership


@transaction.atomic
def join_with_password(*, invitation, first_name: str, last_name: str, password: str):
    """A new account for the person invited, with the password they chose, in the role."""
    users = get_user_model().objects
    if users.filter(email__iexact=invitation.email).exists():
        raise Refused(
            f"There is already an account for {invitation.email}. Log in to accept the invitation."
        )
    user = users.create_user(
        username=invitation.email,
        email=invitation.email,
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    accept_invitation(invitation=invitation, user=user, by=user)
    return user


@transaction.atomic
def accept_waiting_invitations(*, user, by) -> list[Membership]:
    """Accept every invitation still waiting for the user's (verified) address: someone
    invited who signs in with NHSmail joins as they were invited."""
    if not user.email:
        return []
    waiting = Invitation.objects.filter(
        email__iexact=user.email,
        status=Invitation.Status.WAITING,
        expires_at__gt=timezone.now(),
    )
    return [accept_invitation(invitation=each, user=user, by=by) for each in waiting]


def _where(person) -> set:
    """Where a person belongs: ("organisation", id) and ("system", id) for each membership."""
    return {
        ("organisation", m.organisation_id) if m.organisation_id else ("system", m.system_id)
        for m in Membership.objects.filter(user=person)
    }


def leaver_problem(*, person, by) -> str:
    """Why `by` cannot close this person's account ("" if they can); see
    `rules.leaver_problem`. The organisations an admin manages include those of a system
    they manage."""
    if by.is_superuser:
        return rules.leaver_problem(person_id=person.pk, by_id=by.pk, where=set(), managed=set())
    site_staff = person.is_superuser or person.is_staff
    organisations = organisations_for(by, Perm.MANAGE_ORGANISATION).values_list("pk", flat=True)
    managed = {("organisation", pk) for pk in organisations} | {
        ("system", m.system_id)
        for m in memberships_of(by)
        if m.system_id and Perm.MANAGE_ORGANISATION in ROLE_PERMISSIONS[m.role]
    }
    return rules.leaver_problem(
        person_id=person.pk,
        by_id=by.pk,
        where=_where(person),
        managed=managed,
        site_staff=site_staff,
    )


def successors(person, organisation) -> QuerySet:
    """Who may take on a leaver's drafts and open actions in `organisation`: the active
    people who may edit its records there (an author, or anyone holding that power)."""
    return members_of(organisation, roles=roles_with(Perm.EDIT_RECORDS)).exclude(pk=person.pk)


def leavers_work(person, organisation) -> tuple[list, QuerySet]:
    """What a leaver leaves unfinished in `organisation`: their drafts ((kind, record), of
    every tool) and their open actions."""
    drafts = [
        (kind, record)
        for kind in records.KINDS.values()
        for record in kind.queryset().filter(
            kind.draft, organisation=organisation, created_by=person
        )
    ]
    actions = Action.objects.owned_by(person).still_open().filter(organisation=organisation)
    return drafts, actions


def end_sessions(user) -> int:
    """Sign the user out everywhere: delete each unexpired session that is theirs."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def close_account(*, person, organisation, transfer_to=None, reason: str, by) -> list[str]:
    """A leaver: their account is closed (everything they wrote, and its history, is kept),
    they are signed out everywhere, and their drafts and open actions in `organisation` go
    to `transfer_to`, if named. What was done, for the admin."""
    person = get_user_model().objects.select_for_update().get(pk=person.pk)
    problem = leaver_problem(person=person, by=by)
    if problem:
        raise Refused(problem)
    if not person.is_active:
        raise AlreadyDone(f"{person_name(person)}'s account is already closed")
    name = person_name(person)
    done = [f"{name}'s account is closed"]
    if transfer_to is not None:
        if not successors(person, organisation).filter(pk=transfer_to.pk).exists():
            raise Refused(
                f"{person_name(transfer_to)} cannot edit records in {organisation}, so cannot "
                "take on drafts. Choose someone who can (an author)."
            )
        drafts, actions = leavers_work(person, organisation)
        colleague = person_name(transfer_to)
        handed = f"Handed over from {name}, who left, to {colleague}"
        for _kind, record in drafts:
            record.created_by = transfer_to
            save_with_history(record, by=by, reason=handed)
        for action in actions:
            action.assignee = transfer_to
            action.owner = colleague
            save_with_history(action, by=by, reason=handed)
            action_notices.action_assigned(action, by=by)
        done.append(
            f"{count(len(drafts), 'draft')} and {count(len(actions), 'open action')} passed "
            f"to {colleague}"
        )
    person.is_active = False
    save_with_history(person, by=by, reason=f"{CLOSED}{reason}")
    transaction.on_commit(lambda: end_sessions(person))
    return done


def is_draft(kind, record) -> bool:
    return kind.queryset().filter(kind.draft, pk=record.pk).exists()


@transaction.atomic
def share_record(*, record, user, access: str, by) -> Share:
    """Add a named colleague to a draft record as co-author (they may edit it) or reader;
    they are told by e-mail."""
    kind = records.kind_for(type(record))
    name = person_name(user)
    if not is_draft(kind, record):
        raise Refused(f"Only a draft {kind.noun} can be shared")
    if user.pk in {by.pk, record.created_by_id}:
        raise Refused(f"{name} already writes this {kind.noun}")
    if not colleagues_for(record, joint=kind.joint).filter(pk=user.pk).exists():
        where = "its system's organisations" if kind.joint else str(record.organisation)
        raise Refused(f"{name} is not a colleague in {where}")
    share = Share.objects.filter(
        record_type=kind.content_type(), record_id=record.pk, user=user
    ).first() or Share(record=record, user=user, added_by=by)
    if share.pk and share.access == access:
        raise AlreadyDone(f"{name} is already {Share.Access(access).label.split(' (')[0].lower()}")
    share.access = access
    label = Share.Access(access).label.split(" (")[0].lower()
    save_with_history(share, by=by, reason=f"{name} added as {label}")
    emails.record_shared(share, record=record, noun=kind.noun, by=by)
    return share


@transaction.atomic
def unshare_record(*, share, by) -> None:
    delete_with_history(share, by=by, reason=f"{person_name(share.user)} taken off")
