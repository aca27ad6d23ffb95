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


class TaskStatus(models.TextChoices):
    """The status of one section or step of a multi-part record's task list."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANNOT_START = "cannot_start", "Cannot start yet"
    DRAFT_AHEAD = "draft_ahead", "Draft, ahead of its turn"
    NOT_NEEDED = "not_needed", "Not needed"

    @property
    def tag(self) -> Tag:
        colours = {
            "not_started": "grey",
            "in_progress": "blue",
            "completed": "",
            "cannot_start": "white",
            "draft_ahead": "yellow",
            "not_needed": "secondary",
        }
        return Tag(self.label, colours[self.value])

    @property
    def has_link(self) -> bool:
        """A task that is not needed has nothing to open."""
        return self is not TaskStatus.NOT_NEEDED
