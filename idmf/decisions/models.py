"""The IDMF decision record: six steps, in order, each with its own fields,
evidence notes and a completion mark."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from idmf.core.links import address_for
from idmf.core.models import Organisation, Service
from idmf.evidence.models import EvidenceTable

TITLE_MAX = 200
SHORT_MAX = 200

STEP_TITLES = {
    1: "Define the proposal",
    2: "Gather evidence",
    3: "Engage and involve",
    4: "Assess impact",
    5: "Decide with due regard",
    6: "Monitor and review",
}


class DecisionRecord(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", "Proposal"
        POLICY = "policy", "Policy"
        SERVICE_CHANGE = "service_change", "Service change"
        STRATEGY = "strategy", "Strategy"
        PROJECT = "project", "Project"

    class Decision(models.TextChoices):
        PROCEED = "proceed", "Proceed"
        PROCEED_WITH_MITIGATIONS = "proceed_with_mitigations", "Proceed with mitigations"
        CHANGE = "change", "Change the proposal"
        STOP = "stop", "Stop"

    class AffectedGroup(models.TextChoices):
        PATIENTS = "patients", "Patients"
        CARERS = "carers", "Carers"
        STAFF = "staff", "Staff"
        PUBLIC = "public", "Public"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decision_records"
    )
    title = models.CharField(max_length=TITLE_MAX)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    services = models.ManyToManyField(Service, blank=True, related_name="decision_records")
    partner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name="Other organisations involved"
    )

    # Step 1: define the proposal
    aims = models.TextField("Aims and objectives", blank=True)
    scope = models.TextField(blank=True)
    what_changes = models.TextField(blank=True)
    affected_groups = models.JSONField(default=list, blank=True)
    who_is_affected = models.TextField(blank=True)
    decision_owner = models.CharField(max_length=SHORT_MAX, blank=True)
    decision_body = models.CharField("Decision-making body", max_length=SHORT_MAX, blank=True)

    # Step 2: gather evidence
    population_data = models.TextField("Population and service data", blank=True)
    uptake_data = models.TextField(
        "Uptake by protected characteristic, ethnicity and deprivation quintile", blank=True
    )
    health_equity_audit = models.TextField(blank=True)
    data_gaps = models.TextField("Known data gaps", blank=True)
    evidence_tables = models.ManyToManyField(
        EvidenceTable, blank=True, related_name="decision_records", verbose_name="Equity evidence"
    )

    # Step 3: engage and involve
    who_was_engaged = models.TextField(blank=True)
    how_engaged = models.TextField("How they were engaged", blank=True)
    what_they_said = models.TextField(blank=True)
    how_it_changed = models.TextField("How it changed the proposal", blank=True)

    # Step 4: assess impact
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_records",
        verbose_name="Linked EHIIRA",
    )

    # Step 5: decide with due regard
    options_considered = models.TextField(blank=True)
    due_regard_statement = models.TextField(blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decision_justification = models.TextField(blank=True)
    decided_by = models.CharField("Decided by", max_length=SHORT_MAX, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    minute_reference = models.CharField(max_length=100, blank=True)

    # Step 6: monitor and review
    measures = models.TextField("Measures of uptake and outcome by group", blank=True)
    # The tables re-measured at the review: each shows baseline → now on the record.
    remeasured_tables = models.ManyToManyField(
        EvidenceTable, blank=True, related_name="+", verbose_name="Tables to re-measure"
    )
    review_date = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)
    # How many of the six steps are complete, kept by the services that complete and reopen
    # steps: the lists filter and sort on it without counting every record's steps.
    steps_completed = models.PositiveSmallIntegerField(default=0, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[services, partner_organisations])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        # The register's order, its step filter, reviews due, and the public register.
        indexes = [
            models.Index(fields=["organisation", "updated_at", "id"], name="decision_org_order"),
            models.Index(fields=["updated_at", "id"], name="decision_order"),
            # Holds what the dashboard counts, so PostgreSQL reads the index alone.
            models.Index(
                fields=["organisation", "steps_completed"],
                include=["decision"],
                name="decision_org_step",
            ),
            models.Index(fields=["organisation", "review_date"], name="decision_org_review"),
            models.Index(
                fields=["published", "steps_completed", "decision_date", "id"],
                name="decision_public_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address_for("decisions:detail", self.pk)


class DecisionStep(models.Model):
    record = models.ForeignKey(DecisionRecord, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(choices=list(STEP_TITLES.items()))
    evidence_notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="one_row_per_step")
        ]

    def __str__(self):
        return f"Step {self.number}: {STEP_TITLES[self.number]}"

    @property
    def is_complete(self):
        return self.completed_at is not None


class DecisionReview(models.Model):
    """A review of a completed decision: the one change a completed record accepts."""

    record = models.ForeignKey(DecisionRecord, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    notes = models.TextField()
    next_review_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"Review on {self.reviewed_on:%d %B %Y}"
