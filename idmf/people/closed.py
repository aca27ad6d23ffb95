"""Closed accounts as the members page shows them: who closed each, when and why (read from
the account's history, which `services.close_account` writes)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model

from idmf.core.models import person_name

CLOSED = "Account closed: "


@dataclass(frozen=True)
class Closure:
    by: str
    at: datetime
    why: str


def closures_of(user_ids) -> dict[int, Closure]:
    """The closing of each closed account among `user_ids` (one query, however many)."""
    entries = (
        get_user_model()
        .history.filter(id__in=list(user_ids), history_change_reason__startswith=CLOSED)
        .select_related("history_user")
        .order_by("id", "history_date")
    )
    found = {}
    for entry in entries:  # the latest closing of each wins
        by = person_name(entry.history_user) if entry.history_user else "a site administrator"
        found[entry.id] = Closure(
            by=by, at=entry.history_date, why=entry.history_change_reason[len(CLOSED) :]
        )
    return found
