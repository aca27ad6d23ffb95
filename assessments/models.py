"""The Equality, Health Inequality Impact and Risk Assessment (EHIIRA).

Questions, sections and Stage 2 groups are reference data loaded from fixtures/
by a data migration; which answers require Stage 2 is part of that data.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from assessments import rules
from idmf.core.links import address_for
from idmf.core.models import Organisation, Service, VersionedRecord
from idmf.evidence.models import EvidenceRow

TITLE_MAX = 200
NAME_MAX = 100
JOB_TITLE_MAX = 150
RATIONALE_MAX = 5000
EVIDENCE_MAX = 3000


class Stage1Section(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=100)
    instruction = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.title


class Stage1Question(models.Model):
    class AnswerKind(models.TextChoices):
        YES_NO = "yes_no", "Yes or No with a rationale"
        TEXT = "text", "Free text"

    section = models.ForeignKey(Stage1Section, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveSmallIntegerField(unique=True)
    text = models.TextField()
    article = models.CharField("ECHR article", max_length=200, blank=True)
    answer_kind = models.CharField(max_length=10, choices=AnswerKind.choices)
    stage2_trigger_answer = models.CharField(
        "Answer that requires Stage 2",
        max_length=3,
        blank=True,
        choices=[("yes", "Yes"), ("no", "No")],
    )
    stage2_trigger_reason = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.text}"

    @property
    def is_yes_no(self):
        return self.answer_kind == self.AnswerKind.YES_NO


class Stage2Group(models.Model):
    class Kind(models.TextChoices):
        PROTECTED = "protected", "Protected characteristics (Equality Act 2010)"
        INCLUSION = "inclusion", "Inclusion groups"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "order"]

    def __str__(self):
        return self.name


class Assessment(VersionedRecord):
    Status = rules.Status
    EDITABLE_STATUSES = rules.EDITABLE_STATUSES

    class Outcome(models.TextChoices):
        NO_MAJOR_CHANGE = "no_major_change", "No major change needed"
        ADJUST = "adjust", "Adjust the proposal"
        CONTINUE = "continue", "Continue despite adverse impact"
        STOP = "stop", "Stop and remove the proposal"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    title = models.CharField("Title of assessment", max_length=TITLE_MAX)
    service_area = models.CharField(max_length=TITLE_MAX, blank=True)
    overview = models.TextField("Overview of proposal, policy, service etc", blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="assessments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    stage2_requested = models.BooleanField("Stage 2 requested by the approver", default=False)
    intersectional_impact = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_justification = models.TextField(blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField("Comments when returned", blank=True)
    approver_comment = models.TextField("Approval comment", blank=True)
    approver_name = models.CharField(max_length=NAME_MAX, blank=True)
    approver_role = models.CharField(max_length=JOB_TITLE_MAX, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    # When the approver pressed Approve; the demo's paper approvals have a date only.
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_on_behalf_of = models.CharField(
        "Approved on behalf of", max_length=NAME_MAX, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # On the public register since then (an approved assessment its organisation published).
    published_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[services])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        # The list's order (newest change first) within what one person may see, and across
        # many organisations; then the status filter and the public register.
        indexes = [
            models.Index(fields=["organisation", "updated_at", "id"], name="ehiira_org_order"),
            models.Index(fields=["updated_at", "id"], name="ehiira_order"),
            # Holds what the dashboard counts, so PostgreSQL reads the index alone.
            models.Index(
                fields=["organisation", "status"],
                include=["outcome", "created_at", "approved_at", "approved_on"],
                name="ehiira_org_status",
            ),
            models.Index(fields=["published_at", "id"], name="ehiira_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address_for("assessments:detail", self.pk)


class PersonResponsible(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=NAME_MAX)
    job_title = models.CharField(max_length=JOB_TITLE_MAX)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name}, {self.job_title}"


class Stage1Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Stage1Question, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=3, blank=True, choices=[("yes", "Yes"), ("no", "No")])
    rationale = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["question__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"Question {self.question_id}"


class Stage2Impact(models.Model):
    class Impact(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEUTRAL = "neutral", "Neutral"
        NEGATIVE = "negative", "Negative"
        NOT_KNOWN = "not_known", "Not known"
        NONE = "none", "No differential impact identified"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="impacts")
    group = models.ForeignKey(Stage2Group, on_delete=models.PROTECT, related_name="+")
    impact = models.CharField(max_length=10, choices=Impact.choices, blank=True)
    evidence = models.TextField(blank=True)
    mitigation = models.TextField(blank=True)
    # A group's figures in an equity evidence table of the organisation, cited as evidence.
    evidence_row = models.ForeignKey(
        EvidenceRow,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Equity evidence",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["group__kind", "group__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "group"], name="one_impact_per_group")
        ]

    def __str__(self):
        return f"Stage 2 impact: {self.group}"


class ImpactTally(models.Model):
    """The cumulative impact, counted ahead for the dashboard (assessments/tallies.py): for one
    organisation, one day and one group, how many of its assessments (latest versions)
    started that day found a negative impact on the group, how many of those have a
    mitigation for it and how many have raised actions."""

    organisation_id = models.BigIntegerField()
    day = models.DateField()
    group = models.ForeignKey(Stage2Group, on_delete=models.CASCADE, related_name="+")
    negative = models.PositiveIntegerField()
    mitigated = models.PositiveIntegerField()
    actioned = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation_id", "day"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day} group {self.group_id}: {self.negative}"


class ImpactPairTally(models.Model):
    """For one organisation and one day: how many of its assessments started that day found
    both groups negatively affected."""

    organisation_id = models.BigIntegerField()
    day = models.DateField()
    first = models.ForeignKey(Stage2Group, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Stage2Group, on_delete=models.CASCADE, related_name="+")
    together = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation_id", "day"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day} {self.first_id}+{self.second_id}"


class ImpactTallyFresh(models.Model):
    """An organisation whose tallies are up to date: removed whenever one of its
    assessments, their impacts or their actions change, and counted again when next read."""

    organisation_id = models.BigIntegerField(unique=True)

    def __str__(self) -> str:
        return f"{self.organisation_id} fresh"
