"""History rows for bench data: each row is left with the history its tool's services would
leave (one row for each change, naming who made it and why)."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from simple_history.utils import get_history_model_for_model

REASON = "Bench data"


@dataclass(frozen=True)
class Event:
    """One history row to write for a row: what happened, when, by whom and why. `state`
    is the row's fields as they were then (None: as the row ends up)."""

    kind: str
    at: datetime.datetime
    by: int | None
    reason: str
    state: dict | None = None


def created(obj, *, at, by, reason=REASON):
    """Mark a new row as made by user id `by` at `at`: its history is one "+" row."""
    obj._bench_events = [Event("+", at, by, reason)]
    return obj


def _tracked(model) -> list[str]:
    """The fields (attnames, less the primary key) a model's history rows record."""
    history = get_history_model_for_model(model)
    return [f.attname for f in history.tracked_fields if not f.primary_key]


class Lifecycle:
    """A record's changes as its tool's services would make them, one after another: each
    leaves a history row with the record's fields as they were then, and the record ends in
    its last state (its `updated_at` the last change's, its lock `version` counting them)."""

    def __init__(self, obj, *, at, by):
        self.obj = obj
        self.names = _tracked(type(obj))
        obj.created_at = obj.updated_at = at
        obj._bench_events = [Event("+", at, by, REASON, self._state())]

    def _state(self) -> dict:
        return {name: getattr(self.obj, name) for name in self.names}

    def change(self, *, at, by, reason, **values):
        for name, value in values.items():
            setattr(self.obj, name, value)
        self.obj.updated_at = at
        self.obj.version += 1
        self.obj._bench_events.append(Event("~", at, by, reason, self._state()))

    @property
    def last(self) -> datetime.datetime:
        return self.obj.updated_at


def history_rows(model, objs) -> Iterator[models.Model]:
    """The history rows the (saved) rows' events call for."""
    history = get_history_model_for_model(model)
    names = _tracked(model)
    for obj in objs:
        final = None
        for event in obj._bench_events:
            if event.state is None and final is None:
                final = {name: getattr(obj, name) for name in names}
            yield history(
                **(event.state or final),
                id=obj.pk,
                history_date=event.at,
                history_user_id=event.by,
                history_change_reason=event.reason,
                history_type=event.kind,
            )
