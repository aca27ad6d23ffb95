"""The e-mails about actions: one given to someone, and one of theirs overdue (the daily
reminders job)."""

from idmf.actions.models import Action
from idmf.core.models import person_name
from idmf.core.permissions import (
    Perm,
    has_permission,
)
from idmf.notices.models import NoticeKind
from idmf.notices.outbox import link, notify


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
