"""Writes of the shared core, and the building blocks every tool's services use.

Every write is keyword-only, atomic and names the acting user (`by=`); each change is
recorded in the record's history with that user and a reason.
"""

from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from idmf.core import notices, records, rules
from idmf.core.models import (
    Action,
    ActionNote,
    Membership,
    NoticeKind,
    NoticeOptOut,
    Organisation,
    Role,
    Service,
    SubmissionToken,
    person_name,
)
from idmf.core.permissions import members_of


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
