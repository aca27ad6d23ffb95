"""Board assurance: a review of a strategy, plan or the organisation as a whole against the
8 key lines of enquiry × 5 national priorities of the Health Inequalities Leadership
Framework's board assurance tool. The key lines, priorities and the prompts of the 40 cells
are reference data loaded from fixtures/boardtool/ by a data migration."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boardtool import rules
from idmf.core.dates import nhs_date
from idmf.core.links import address_for
from idmf.core.models import Organisation, VersionedRecord
from idmf.core.status import tagged

NAME_MAX = 200


class Kloe(models.Model):
    """A CQC well-led key line of enquiry, K1 … K8, as the tool words it."""

    code = models.CharField(max_length=2, unique=True)
    title = models.TextField()
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = "key line of enquiry"

    def __str__(self):
        return f"{self.code}. {self.title}"


class Priority(models.Model):
    """A national priority for tackling health inequalities, P1 … P5."""

    code = models.CharField(max_length=2, unique=True)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return f"{self.code}. {self.title}"


class Prompt(models.Model):
    """The prompt of one cell: what a board should ask of a key line for a priority."""

    kloe = models.ForeignKey(Kloe, on_delete=models.PROTECT, related_name="prompts")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="prompts")
    bullets = models.JSONField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kloe__order", "priority__order"]
        constraints = [
            models.UniqueConstraint(fields=["kloe", "priority"], name="one_prompt_per_cell")
        ]

    def __str__(self):
        return f"{self.kloe.code} × {self.priority.code}"

    @property
    def lead_in(self) -> str:
        """A first line ending in a colon ("To include:") introduces the points below it:
        shown as a sentence, not as a point of its own."""
        first = self.bullets[0] if self.bullets else ""
        return first if first.rstrip().endswith(":") else ""

    @property
    def points(self) -> list[str]:
        return self.bullets[1:] if self.lead_in else self.bullets


class Review(VersionedRecord):
    Status = rules.Status
    EDITABLE_STATUSES = rules.EDITABLE_STATUSES

    class Subject(models.TextChoices):
        STRATEGY = "strategy", "A strategy"
        DELIVERY_PLAN = "delivery_plan", "A delivery plan"
        INITIATIVE = "initiative", "Another initiative"
        ORGANISATION = "organisation", "The organisation as a whole"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="board_reviews"
    )
    subject_kind = models.CharField(
        "What is reviewed", max_length=20, choices=Subject.choices, default=Subject.STRATEGY
    )
    subject = models.CharField(
        "Name of the strategy, plan or initiative", max_length=NAME_MAX, blank=True
    )
    board = models.CharField("Board or committee", max_length=NAME_MAX)
    meeting_date = models.DateField("Meeting date", null=True, blank=True)
    sro = models.CharField("Executive SRO for health inequalities", max_length=NAME_MAX, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField("Comments when returned", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approver_name = models.CharField(max_length=NAME_MAX, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    # On the public register since then (an approved review its organisation chose to publish).
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "board assurance review"
        indexes = [
            models.Index(fields=["organisation", "updated_at", "id"], name="review_org_order"),
        ]

    def __str__(self):
        if self.subject_kind == self.Subject.ORGANISATION or not self.subject:
            return f"{self.organisation}: the organisation as a whole"
        return self.subject

    def get_absolute_url(self):
        return address_for("boardtool:detail", self.pk)

    @property
    def subject_key(self) -> tuple:
        """What makes two reviews reviews of the same subject (for the change since)."""
        return (self.organisation_id, self.subject_kind, self.subject.strip().lower())


class Cell(models.Model):
    """One key line × priority of a review: its assurance rating and evidence; its actions
    are the shared core's Action rows raised by it, its citations evidence records."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="cells")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(
        "Assurance rating",
        max_length=20,
        choices=rules.Rating.choices,
        default=rules.Rating.NOT_YET_ASSESSED,
    )
    evidence = models.TextField("Evidence", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["prompt__kloe__order", "prompt__priority__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "prompt"], name="one_cell_per_prompt")
        ]

    def __str__(self):
        return f"{self.review}: {self.prompt_id and self.prompt}"

    def get_absolute_url(self):
        return address_for("boardtool:detail", self.review_id)

    @property
    def organisation(self):
        return self.review.organisation

    @property
    def tag(self):
        return rules.Rating(self.rating).tag


class Citation(models.Model):
    """A record of the same organisation (an EDS report, an EHIIRA, a decision record)
    cited as evidence for a cell."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="citations")
    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "record_type", "record_id"], name="cite_a_record_once"
            )
        ]

    def __str__(self):
        return f"Citation of {self.record_type.model} {self.record_id}"


class Pack(models.Model):
    """A board assurance pack: one PDF of chosen reviews and approved records for a
    meeting, built in the background. Derived: nobody edits it; a failed build is retried."""

    @tagged({"queued": "grey", "building": "blue", "done": "green", "failed": "red"})
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="packs")
    board = models.CharField("Board or committee", max_length=NAME_MAX)
    meeting_date = models.DateField("Meeting date")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    parts_done = models.PositiveSmallIntegerField(default=0)
    parts_total = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="packs/", blank=True)
    pages = models.PositiveIntegerField(default=0)
    contents = models.JSONField(default=list)  # [{"title": …, "page": …}] as built
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)  # the current build's start
    finished_at = models.DateTimeField(null=True, blank=True)
    # A build says it is alive every HEARTBEAT while it runs (boardtool.pack.beating).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    HEARTBEAT = datetime.timedelta(seconds=10)
    # A build silent this long has died with its worker (a killed process): it is failed,
    # and may be tried again, as soon as anyone looks at it.
    SILENT_AFTER = datetime.timedelta(seconds=45)
    # A pack queued this long has found no worker to build it; it may be asked for again.
    STUCK_AFTER = datetime.timedelta(minutes=15)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "board assurance pack"

    def __str__(self):
        return f"{self.board}, {nhs_date(self.meeting_date)}"

    def get_absolute_url(self):
        return address_for("boardtool:pack", self.pk)

    @property
    def tag(self):
        return self.State(self.state).tag

    @property
    def is_ready(self):
        return self.state == self.State.DONE and bool(self.file)

    @property
    def is_pending(self):
        return self.state in (self.State.QUEUED, self.State.BUILDING)

    @property
    def is_stuck(self) -> bool:
        since = self.started_at or self.created_at
        return self.state == self.State.QUEUED and timezone.now() - since > self.STUCK_AFTER

    @property
    def is_dead(self) -> bool:
        """Building, but silent for SILENT_AFTER: its worker has stopped."""
        last = self.heartbeat_at or self.started_at or self.created_at
        return self.state == self.State.BUILDING and timezone.now() - last > self.SILENT_AFTER

    @property
    def may_retry(self) -> bool:
        return self.state == self.State.FAILED or self.is_stuck

    @property
    def part_shown(self) -> int:
        """The part being built, as the progress line counts (never past the last)."""
        return min(self.parts_done + 1, self.parts_total)


class PackItem(models.Model):
    """A review or record in a pack, in the order the board secretary chose."""

    pack = models.ForeignKey(Pack, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)  # as it was when packed

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title
