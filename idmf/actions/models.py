"""Actions raised by any tool's record: an owner, a due date, a status and a log of
dated progress notes. The tables keep the names they had in the core."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from idmf.core import records
from idmf.core.links import address_for
from idmf.core.models import Organisation
from idmf.core.status import Tag


class ActionQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The user's actions: they own them (their account is named), or they raised them
        without naming an owner's account."""
        return self.filter(
            models.Q(assignee=user) | models.Q(assignee__isnull=True, created_by=user)
        )

    def still_open(self):
        return self.filter(status__in=Action.OPEN_STATUSES)

    def of_record(self, record):
        """Every action a record raised: through its parts where its kind says so (an EDS
        report's objectives, a review's cells), else raised by the record itself."""
        kind = records.kind_for(type(record))
        return kind.actions(record) if kind.actions else self.raised_by(record)

    def raised_by(self, record):
        """The actions a record (an assessment, a decision, an EDS outcome) raised."""
        return self.filter(
            source_type=ContentType.objects.get_for_model(type(record)), source_id=record.pk
        )


class Action(models.Model):
    """An action raised by any tool's record: an owner, a due date and a status."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=1000)
    owner = models.CharField(max_length=200, help_text="The person or role who owns the action")
    # The owner's account, when the owner uses this system: the action is theirs to update,
    # it shows among their actions and they are told of it.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_actions",
        verbose_name="owner's account",
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    # The record that raised it (an assessment, EDS outcome, decision step, board review).
    source_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(table_name="core_historicalaction")

    objects = ActionQuerySet.as_manager()

    class Meta:
        db_table = "core_action"
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["organisation", "status", "due_date"]),
            # The tracker's order, for someone who sees many organisations' actions.
            models.Index(fields=["due_date", "id"], name="action_due_order"),
            # The same for the open actions alone (the tracker's default): at national size
            # a system's 25 soonest open actions are found without reading the closed ones.
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=["open", "in_progress"]),
                name="action_open_due_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address_for("action_detail", self.pk)

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def tag(self) -> Tag:
        if self.is_overdue:
            return Tag("Overdue", "red")
        colours = {"open": "white", "in_progress": "blue", "done": "green", "dropped": "grey"}
        return Tag(self.get_status_display(), colours[self.status])


class ActionNote(models.Model):
    """A dated progress note on an action, or the reason its status changed. Notes are
    added, never edited: together they are the action's log."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    status = models.CharField(
        max_length=20, choices=Action.Status.choices, blank=True, help_text="The status it set"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "core_actionnote"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]
