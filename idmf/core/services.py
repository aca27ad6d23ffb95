"""Writes of the shared core, and the building blocks every tool's services use.

Every write is keyword-only, atomic and names the acting user (`by=`); each change is
recorded in the record's history with that user and a reason.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from idmf.core import notices, records, rules
from idmf.core.models import (
    Action,
    ActionNote,
    Invitation,
    Membership,
    NoticeKind,
    NoticeOptOut,
    Organisation,
    Role,
    Service,
    Share,
    SubmissionToken,
    person_name,
)
from idmf.core.permissions import (
    ROLE_PERMISSIONS,
    Perm,
    colleagues_for,
    members_of,
    memberships_of,
    organisations_for,
)


class Refused(Exception):
    """A write that was refused. Each problem is a sentence for the user."""

    def __init__(self, *problems: str):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


class StaleEdit(Refused):
    """Someone else saved the record after the editor opened it."""


class AlreadyDone(Refused):
    """What was asked for has already happened (a second press of the same button, or a
    colleague's): nothing more to do, and nothing wrong."""


def save_with_history(instance, *, by, reason: str):
    """Save, recording who made the change and why in the record's history."""
    instance._history_user = by
    instance._change_reason = reason
    instance.save()
    return instance


def delete_with_history(instance, *, by, reason: str) -> None:
    """Delete, recording who removed it and why in the record's history."""
    instance._history_user = by
    instance._change_reason = reason
    instance.delete()


def save_edited(record, *, by, reason: str):
    """Save an edit to a record that carries an optimistic-lock `version`."""
    record.version += 1
    return save_with_history(record, by=by, reason=reason)


def lock_for_edit(queryset: QuerySet, pk, *, expected_version: int | None, noun: str) -> Model:
    """The record, locked for this transaction. `expected_version` is the version the
    editor's page was opened with: if someone saved since, the edit is refused rather
    than silently overwriting their work (None: no check, e.g. a button with no fields)."""
    fresh = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit(
            f"Someone else saved this {noun} after you opened this page, so your changes "
            "were not saved. Your answers are still on this page: copy anything you need, "
            "then reload the page to see the latest version."
        )
    return fresh


def lock_for_review(
    queryset: QuerySet,
    pk,
    *,
    target: str,
    may_become,
    by,
    error=Refused,
    editors_of=None,
    done: str = "",
    noun: str,
    verbs: str = "approve or return",
    not_now: str = "not waiting for approval",
    expected_version: int | None = None,
) -> Model:
    """The record, locked, for `by` to move to status `target` (approve, return, authorise,
    publish). Refused (`error`) to anyone who edited it (`editors_of(record)`, when given),
    from a status `may_become` does not allow, and when it changed after the reviewer's
    page was opened (`expected_version`); a second press finds it `done` already."""
    fresh = queryset.select_for_update().get(pk=pk)
    if editors_of is not None and by.pk in editors_of(fresh):
        raise error(
            f"You cannot {verbs} {noun} you wrote or changed: another approver must review it"
        )
    name = noun.split(" ", 1)[-1]
    if fresh.status == target:
        raise AlreadyDone(
            f"This {name} has already been {done or fresh.get_status_display().lower()}"
        )
    if not may_become(fresh.status, target):
        raise error(f"This {name} is {fresh.get_status_display().lower()}, {not_now}")
    if expected_version is not None and fresh.version != expected_version:
        raise error(
            f"This {name} changed after you opened this page: read it again before you "
            f"{verbs.split(' or ')[0]} it. What you typed is still here."
        )
    return fresh


def save_parts(related_manager, *, key: str | tuple[str, ...], rows: dict, reason: str, by) -> None:
    """Create or update a record's parts, one per key (a question, a group, an outcome and
    service): `rows` maps each key (a tuple of values when `key` names several fields) to the
    part's values. A part whose values are unchanged is not saved again, and a blank row
    that was never saved stays unsaved."""
    names = (key,) if isinstance(key, str) else key

    def key_of(part):
        values = tuple(getattr(part, name) for name in names)
        return values[0] if isinstance(key, str) else values

    existing = {key_of(part): part for part in related_manager.all()}
    for key_value, values in rows.items():
        part = existing.get(key_value)
        if part is None:
            if not any(v not in ("", None) for v in values.values()):
                continue
            part = related_manager.model(**{related_manager.field.name: related_manager.instance})
            key_values = (key_value,) if isinstance(key, str) else key_value
            for name, value in zip(names, key_values, strict=True):
                setattr(part, name, value)
        elif all(getattr(part, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(part, name, value)
        save_with_history(part, by=by, reason=reason)


def use_token(token, *, already: str) -> None:
    """Spend a form's submission token: the first time, nothing happens; after that (a
    double click), `AlreadyDone(already)`. Call it inside the write's transaction."""
    if token is None:
        return
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token)
    except IntegrityError:
        raise AlreadyDone(already) from None


def _check_assignee(organisation, assignee) -> None:
    """An action's owner account must belong to someone who can see the action."""
    if assignee is None:
        return
    if not members_of(organisation).filter(pk=assignee.pk).exists():
        name = person_name(assignee)
        raise Refused(f"{name} is not a member of {organisation}, so cannot own its action")


@transaction.atomic
def create_action(
    *, organisation, title, owner, due_date, assignee=None, source=None, by
) -> Action:
    _check_assignee(organisation, assignee)
    action = Action(
        organisation=organisation,
        title=title,
        owner=owner,
        assignee=assignee,
        due_date=due_date,
        created_by=by,
    )
    if source is not None:
        action.source = source
    save_with_history(action, by=by, reason="Action raised")
    notices.action_assigned(action, by=by)
    return action


def raise_action(values: dict, *, organisation, source, by) -> Action:
    """An action as an action form typed it (title, owner, owner's account, due date)."""
    return create_action(
        organisation=organisation,
        title=values["title"],
        owner=values["owner"],
        assignee=values.get("assignee"),
        due_date=values["due_date"],
        source=source,
        by=by,
    )


def add_action_to(record, *, title, owner, due_date, assignee=None, submission=None, by) -> Action:
    """Raise an action from `record` (locked by the caller) and note it in its history; a
    form's `submission` token makes a second press of the same form add nothing."""
    use_token(submission, already=f"The action “{title}” was already added")
    action = create_action(
        organisation=record.organisation,
        title=title,
        owner=owner,
        assignee=assignee,
        due_date=due_date,
        source=record,
        by=by,
    )
    save_edited(record, by=by, reason=f"Action added: {title}")
    return action


@transaction.atomic
def update_action(*, action: Action, status: str, note: str = "", opened: str, by) -> Action:
    """Set an action's status and/or add a dated progress note (the reason, when it is
    dropped). Each update is one entry in the action's history and one note in its log.
    `opened` is the status the person saw: if it changed since, nothing is saved."""
    fresh = Action.objects.select_for_update().get(pk=action.pk)
    if fresh.status != opened:
        raise StaleEdit(
            f"Someone marked this action {fresh.get_status_display().lower()} after you opened "
            "this page, so your update was not saved. What you typed is still here: check "
            "the status and save again."
        )
    problems = rules.action_update_problems(current=fresh.status, new=status, note=note)
    if problems:
        raise Refused(*problems)
    reason = rules.update_reason(current=fresh.status, new=status, note=note)
    changed = fresh.status != status
    fresh.status = status
    save_with_history(fresh, by=by, reason=reason)
    if note.strip():
        ActionNote.objects.create(
            action=fresh, text=note.strip(), status=status if changed else "", created_by=by
        )
    return fresh


def _the(noun: str) -> str:
    """ "EHIIRA" stays; "Board assurance review" → "board assurance review"."""
    return noun if noun[1:2].isupper() else noun[:1].lower() + noun[1:]


@transaction.atomic
def set_published(record, *, published: bool, by) -> Model:
    """Put a record its organisation publishes by choice (an approved EHIIRA or review) on
    the public register, or take it off at once. Its history says who did which, and when."""
    kind = records.kind_for(type(record))
    noun = _the(kind.noun)
    if not kind.published_when:
        raise Refused(f"A {noun} is not published by choice")
    fresh = lock_for_edit(kind.model.objects, record.pk, expected_version=None, noun=noun)
    if fresh.status != kind.published_when:
        raise Refused(
            f"This {noun} is {fresh.get_status_display().lower()}: only when "
            f"{kind.published_when} can it be published"
        )
    if published == (fresh.published_at is not None):
        raise AlreadyDone(
            f"This {noun} is {'already' if published else 'not'} on the public register"
        )
    fresh.published_at = timezone.now() if published else None
    reason = "Published on the public register" if published else "Taken off the public register"
    return save_edited(fresh, by=by, reason=reason)


@transaction.atomic
def set_notice_preferences(*, user, wanted: set[str], by) -> None:
    """Switch each kind of e-mail on (in `wanted`) or off for `user`."""
    existing = {o.kind: o for o in NoticeOptOut.objects.select_for_update().filter(user=user)}
    for kind in NoticeKind.values:
        if kind in wanted and kind in existing:
            delete_with_history(existing[kind], by=by, reason="E-mail switched on")
        elif kind not in wanted and kind not in existing:
            save_with_history(
                NoticeOptOut(user=user, kind=kind), by=by, reason="E-mail switched off"
            )


# --- organisation set-up (organisation admins) -------------------------------


class SetupError(Refused):
    """An organisation set-up change that was refused."""


def _not_your_own(user, by) -> None:
    """Segregation of duties: nobody changes their own roles; another admin must."""
    if user.pk == by.pk:
        raise SetupError("Your own roles can only be changed by another organisation admin")


@transaction.atomic
def add_member(*, organisation, user, role, by) -> Membership:
    _not_your_own(user, by)
    if Membership.objects.filter(organisation=organisation, user=user, role=role).exists():
        raise SetupError(f"{person_name(user)} already has that role here")
    membership = Membership(organisation=organisation, user=user, role=role)
    return save_with_history(membership, by=by, reason="Member added")


@transaction.atomic
def remove_member(*, membership, by) -> None:
    _not_your_own(membership.user, by)
    if membership.role == Role.ORGANISATION_ADMIN:
        # Lock the organisation, so two admins removing each other cannot both succeed
        # (a locking count() takes no lock).
        Organisation.objects.select_for_update().get(pk=membership.organisation_id)
        admins = Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.ORGANISATION_ADMIN
        )
        if admins.count() == 1:
            raise SetupError("An organisation needs at least one organisation admin")
    delete_with_history(membership, by=by, reason="Member removed")


@transaction.atomic
def add_service(*, organisation, name, relationship, core20plus5_area, by) -> Service:
    if Service.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise SetupError(f"{organisation} already has a service called {name}")
    service = Service(
        organisation=organisation,
        name=name,
        relationship=relationship,
        core20plus5_area=core20plus5_area,
    )
    return save_with_history(service, by=by, reason="Service added")


@transaction.atomic
def change_organisation(*, organisation, member=None, service=None, remove=None, by) -> list[str]:
    """Everything one press on the set-up page asks for, together: add the member and the
    service typed in, and remove a membership. What was done, for the user."""
    done = []
    if member:
        user = member["user"]
        add_member(organisation=organisation, user=user, role=member["role"], by=by)
        done.append(f"{person_name(user)} added")
    if service:
        added = add_service(organisation=organisation, by=by, **service)
        done.append(f"Service added: {added.name}")
    if remove:
        remove_member(membership=remove, by=by)
        done.append(f"{person_name(remove.user)} removed")
    return done


# --- invitations -------------------------------------------------------------


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


# --- leavers -------------------------------------------------------------------


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
    organisations = organisations_for(by, Perm.MANAGE_ORGANISATION).values_list("pk", flat=True)
    managed = {("organisation", pk) for pk in organisations} | {
        ("system", m.system_id)
        for m in memberships_of(by)
        if m.system_id and Perm.MANAGE_ORGANISATION in ROLE_PERMISSIONS[m.role]
    }
    return rules.leaver_problem(
        person_id=person.pk, by_id=by.pk, where=_where(person), managed=managed
    )


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
        if (
            transfer_to.pk == person.pk
            or not members_of(organisation).filter(pk=transfer_to.pk).exists()
        ):
            raise Refused(f"{person_name(transfer_to)} is not a colleague in {organisation}")
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
            notices.action_assigned(action, by=by)
        done.append(f"{len(drafts)} drafts and {len(actions)} open actions passed to {colleague}")
    person.is_active = False
    save_with_history(person, by=by, reason=f"Account closed: {reason}")
    transaction.on_commit(lambda: end_sessions(person))
    return done


# --- working together on a record ----------------------------------------------


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
    notices.record_shared(share, record=record, noun=kind.noun, by=by)
    return share


@transaction.atomic
def unshare_record(*, share, by) -> None:
    delete_with_history(share, by=by, reason=f"{person_name(share.user)} taken off")
