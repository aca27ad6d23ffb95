"""The shared core: who and where. Every tool's records belong to one Organisation."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history import register
from simple_history.models import HistoricalRecords

from idmf.core.status import Tag

# People's accounts keep a history too: who closed a leaver's account, and why (never their
# password's hash).
register(get_user_model(), app="idmf.core", excluded_fields=["password"])


def person_name(user) -> str:
    """A person as pages, e-mails and exports name them: their full name, else username."""
    return user.get_full_name() or user.get_username()


class System(models.Model):
    """An Integrated Care System, e.g. Leicester, Leicestershire and Rutland."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Place(models.Model):
    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["system", "name"], name="unique_place_per_system")
        ]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ICB = "icb", "Integrated care board"
        NHS_TRUST = "nhs_trust", "NHS trust"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PRIMARY_CARE_NETWORK = "pcn", "Primary care network"
        VCSE = "vcse", "VCSE partner"
        CSU = "csu", "Commissioning support unit"

    system = models.ForeignKey(System, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    places = models.ManyToManyField(Place, blank=True, related_name="organisations")
    history = HistoricalRecords(m2m_fields=[places])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation_detail", args=[self.pk])


class Service(models.Model):
    class Relationship(models.TextChoices):
        PROVIDED = "provided", "Provided"
        COMMISSIONED = "commissioned", "Commissioned"

    class Core20Plus5Area(models.TextChoices):
        MATERNITY = "maternity", "Maternity"
        SEVERE_MENTAL_ILLNESS = "smi", "Severe mental illness"
        CHRONIC_RESPIRATORY = "respiratory", "Chronic respiratory disease"
        EARLY_CANCER_DIAGNOSIS = "cancer", "Early cancer diagnosis"
        HYPERTENSION = "hypertension", "Hypertension case-finding and lipid management"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    relationship = models.CharField(
        max_length=20, choices=Relationship.choices, default=Relationship.PROVIDED
    )
    core20plus5_area = models.CharField(
        "Core20PLUS5 clinical area", max_length=20, choices=Core20Plus5Area.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_service_per_organisation"
            )
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    AUTHOR = "author", "Author"
    APPROVER = "approver", "Approver (Equality & Inclusion business partner)"
    BOARD_SECRETARY = "board_secretary", "Board secretary"
    VIEWER = "viewer", "Viewer"
    ORGANISATION_ADMIN = "organisation_admin", "Organisation admin"


class Membership(models.Model):
    """A user's role in one organisation, or across every organisation of a system."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    system = models.ForeignKey(
        System, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, system__isnull=True)
                    | models.Q(organisation__isnull=True, system__isnull=False)
                ),
                name="membership_of_organisation_or_system",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(organisation__isnull=False),
                name="unique_organisation_role",
            ),
            models.UniqueConstraint(
                fields=["user", "system", "role"],
                condition=models.Q(system__isnull=False),
                name="unique_system_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organisation or self.system}"


class VersionedRecord(models.Model):
    """What every tool's record carries: who started it and when, its versions (an
    approved record is changed by starting a new version), and an optimistic lock."""

    previous_version = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    version_number = models.PositiveSmallIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: each save bumps it; a form carries the value it was opened with.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    # A subclass names its `Status` enum (with a `tag`) and the statuses it can be edited in.
    EDITABLE_STATUSES: frozenset = frozenset()

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def tag(self):
        return self.Status(self.status).tag


class ActionQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The user's actions: they own them (their account is named), or they raised them
        without naming an owner's account."""
        return self.filter(
            models.Q(assignee=user) | models.Q(assignee__isnull=True, created_by=user)
        )

    def still_open(self):
        return self.filter(status__in=Action.OPEN_STATUSES)

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
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["organisation", "status", "due_date"]),
            # The tracker's order, for someone who sees many organisations' actions.
            models.Index(fields=["due_date", "id"], name="action_due_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

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
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class SubmissionToken(models.Model):
    """One per form shown: a form that adds a row carries one, and the row is added once
    however many times the button is pressed. Bookkeeping: nobody edits these."""

    token = models.UUIDField(unique=True)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.token)


class StoredPdf(models.Model):
    """The PDF of a record that can no longer change (an approved assessment, a complete
    decision at one version), kept in the file store so that it is rendered once. Derived:
    never edited."""

    key = models.CharField(max_length=200, unique=True)
    file = models.FileField(upload_to="pdfs/", max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key


class NoticeKind(models.TextChoices):
    """The e-mails the system sends: each person can switch each kind off."""

    SUBMITTED = "submitted", "A record is sent to you for approval"
    DECIDED = "decided", "A record you wrote is approved, authorised or returned"
    ACTION_ASSIGNED = "action_assigned", "An action is given to you"
    ACTION_OVERDUE = "action_overdue", "An action of yours becomes overdue"
    REVIEW_DUE = "review_due", "A decision you recorded reaches its review date"
    EDS_DUE = "eds_due", "Your organisation's EDS report is due to be published within a month"
    PACK_READY = "pack_ready", "An assurance pack you asked for is ready"
    SHARED = "shared", "A colleague adds you to a record as co-author or reader"


class Notice(models.Model):
    """One e-mail to one person, sent once: `key` names the event (a record's submission at
    one version, an action's due date passing), and the same event never mails twice.
    Written by the system, never edited."""

    kind = models.CharField(max_length=30, choices=NoticeKind.choices)
    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "user"], name="one_notice_per_event")
        ]

    def __str__(self):
        return self.subject


class NoticeOptOut(models.Model):
    """A kind of e-mail one person has switched off on their preferences page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_opt_outs"
    )
    kind = models.CharField(max_length=30, choices=NoticeKind.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: no {self.kind}"


class Invitation(models.Model):
    """An organisation admin's invitation to a person, by e-mail address, to join the
    organisation in a role. The e-mail links to a page (its token, kept here only as a hash)
    where they set a password or sign in with NHSmail. It expires unless accepted in time."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"  # shown for a waiting one past its date; never stored

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("E-mail address")
    role = models.CharField(max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)  # accepted or revoked
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["email", "status"])]

    def __str__(self):
        return f"{self.email} as {self.get_role_display()} of {self.organisation}"

    @property
    def state(self) -> str:
        if self.status == self.Status.WAITING and self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.status

    @property
    def tag(self) -> Tag:
        colours = {"waiting": "blue", "accepted": "green", "revoked": "grey", "expired": "red"}
        return Tag(self.Status(self.state).label, colours[self.state])


class Share(models.Model):
    """A named colleague the author of a draft record (of any tool) works on it with: a
    co-author, who may edit it, or a reader. Colleagues of the record's organisation, or of
    a partner organisation in its system for a joint decision."""

    class Access(models.TextChoices):
        EDIT = "edit", "Co-author (can edit)"
        VIEW = "view", "Reader (can only read)"

    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    access = models.CharField(max_length=10, choices=Access.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id", "user"], name="one_share_per_person"
            )
        ]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self):
        return f"{self.user}: {self.get_access_display()}"
