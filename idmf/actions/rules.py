"""The tracker's rules: which status changes an update may make, the reason its history
gives, and what counts as due soon. Pure functions."""

import datetime

from idmf.actions.models import Action

DUE_SOON = datetime.timedelta(days=30)  # "due within 30 days" on the tracker and home page


def action_update_problems(*, current: str, new: str, note: str) -> list[str]:
    """Why an update to an action cannot be saved: it must change the status or add a note,
    and an action is dropped only with the reason why."""
    note = note.strip()
    if new == current and not note:
        return ["Choose a new status or write a progress note"]
    if new == Action.Status.DROPPED and current != Action.Status.DROPPED and not note:
        return ["Say why the action is being dropped"]
    return []


def update_reason(*, current: str, new: str, note: str) -> str:
    """The reason the action's history gives for an update."""
    note = note.strip()
    if new == current:
        return f"Progress note: {note}"
    said = f"Status set to {Action.Status(new).label.lower()}"
    return f"{said}: {note}" if note else said


def is_due_soon(due_date: datetime.date, *, today: datetime.date) -> bool:
    return today <= due_date <= today + DUE_SOON
