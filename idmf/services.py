"""State-changing writes for the shared core. Keyword-only, atomic, with the acting user."""

from django.db import transaction

from idmf.models import Action


@transaction.atomic
def create_action(*, organisation, title, owner, due_date, source=None, by) -> Action:
    action = Action(
        organisation=organisation, title=title, owner=owner, due_date=due_date, created_by=by
    )
    if source is not None:
        action.source = source
    action._history_user = by
    action._change_reason = "Action raised"
    action.save()
    return action


@transaction.atomic
def update_action_status(*, action: Action, status: str, reason: str = "", by) -> Action:
    action.status = status
    action._history_user = by
    action._change_reason = reason or f"Status set to {action.get_status_display().lower()}"
    action.save(update_fields=["status"])
    return action
