"""Writes of the action tracker: raising an action (from a form, or from a record, noted in
its history) and updating its status or log. Keyword-only, atomic, with the acting user."""

from django.db import transaction

from idmf.actions import notices, rules
from idmf.actions.models import Action, ActionNote
from idmf.core.models import person_name
from idmf.core.permissions import (
    members_of,
)
from idmf.core.services import Refused, StaleEdit, save_edited, save_with_history, use_token


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
