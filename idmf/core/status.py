"""Status values shown as NHS.UK tags. The display text and the tag colour of each
value live here, once; code and templates compare the values, never the text."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Tag:
    """What the tag component shows: its text, and the NHS.UK tag colour. An empty
    colour shows plain text (a completed task); "secondary" shows muted text."""

    text: str
    colour: str


def tagged(colours: dict[str, str]):
    """Give a status enum its `tag`: each value's display text, in the NHS.UK tag colour
    `colours` names for it (every value must have one)."""

    def decorate(enum):
        missing = set(enum.values) - set(colours)
        if missing:
            raise ValueError(f"{enum.__name__}: no tag colour for {sorted(missing)}")
        enum.tag = property(lambda member: Tag(member.label, colours[member.value]))
        return enum

    return decorate


@tagged(
    {
        "not_started": "grey",
        "in_progress": "blue",
        "completed": "",
        "cannot_start": "white",
        "draft_ahead": "yellow",
        "not_needed": "secondary",
    }
)
class TaskStatus(models.TextChoices):
    """The status of one section or step of a multi-part record's task list."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANNOT_START = "cannot_start", "Cannot start yet"
    DRAFT_AHEAD = "draft_ahead", "Draft, ahead of its turn"
    NOT_NEEDED = "not_needed", "Not needed"

    @property
    def has_link(self) -> bool:
        """A task that is not needed has nothing to open."""
        return self is not TaskStatus.NOT_NEEDED


def transition_rule(status: type[models.TextChoices], transitions: dict):
    """A record's `may_become(current, target)`: whether status `target` may follow
    `current` (a value of `status`) under `transitions`, each status's possible next ones."""

    def may_become(current: str, target: str) -> bool:
        return target in transitions.get(status(current), set())

    return may_become
