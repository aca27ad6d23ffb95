"""The shared core: who and where. Every tool's records belong to one Organisation."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history import register
from simple_history.models import HistoricalRecords

from idmf.core.links import address_for

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
        return address_for("organisation_detail", self.pk)


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


class SubmissionToken(models.Model):
    """One per form shown: a form that adds a row carries one, and the row is added once
    however many times the button is pressed. Bookkeeping: nobody edits these."""

    token = models.UUIDField(unique=True)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.token)


class StoredPdf(models.Model):
    """The PDF of a record that can no longer change (an approved assessment, a complete
    decision at one version), kept in the file store so that it is rendered once; or a
    draft's, or a Word document, kept for the HTML it was made from. Derived: never
    edited."""

    key = models.CharField(max_length=200, unique=True)
    file = models.FileField(upload_to="pdfs/", max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key


class SignedPdf(models.Model):
    """A PDF the site signed (idmf.core.signing): a final record's, or a board assurance
    pack. The "Check a document" page finds an unaltered copy here by its SHA-256 and names
    what it is. Derived: never edited."""

    sha256 = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=500)
    # The record (or pack) it is the PDF of.
    record_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    version = models.PositiveIntegerField(null=True, blank=True)  # the record's version number
    url = models.CharField(max_length=300, blank=True)  # where the record is read
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "signed PDF"

    def __str__(self):
        return self.title


class PdfJob(models.Model):
    """A PDF the worker makes (idmf.core.pdf_jobs): the page's HTML, rendered here in the
    web request (fast), typeset by WeasyPrint on the worker (slow), kept as a StoredPdf
    under the same key. One a key: however many ask, it is made once. A key with another
    format's prefix (`word-`) is that document, made from the same HTML. Derived: never
    edited."""

    class State(models.TextChoices):
        QUEUED = "queued", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True)
    html = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["asked_by", "created_at"])]

    def __str__(self):
        return self.key


class WorkerHeartbeat(models.Model):
    """A task worker's last word that it is alive (idmf.core.heartbeat); written by the
    worker, never edited."""

    worker = models.CharField(max_length=200, unique=True)  # host:process id
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.worker} at {self.beat_at:%H:%M:%S}"


class FiguresChanged(models.Model):
    """The last change to anything a dashboard panel counts of an organisation, as a mark
    that is new each time (idmf.core.dashboard_kept): written in the same transaction as the
    change, so a panel is kept only while its organisations' marks for it stay the same."""

    # A plain number, not a key: a mark may be written while its organisation is deleted.
    organisation_id = models.BigIntegerField()
    panel = models.CharField(max_length=200)  # its build function's name, or "*": every panel
    mark = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "panel"], name="one_mark_per_organisation_and_panel"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} {self.panel}: {self.mark}"


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
