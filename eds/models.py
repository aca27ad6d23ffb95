"""The Equality Delivery System 2022: its three domains and eleven outcomes, as reference
data loaded from fixtures/eds/ by a data migration (wording exactly as the EDS template)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from eds import rules, scoring
from idmf.core.links import address_for
from idmf.core.models import Organisation, Service, VersionedRecord
from idmf.evidence.models import EvidenceTable

NAME_MAX = 200


class EdsDomain(models.Model):
    number = models.PositiveSmallIntegerField(primary_key=True)
    title = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = "EDS domain"

    def __str__(self):
        return f"Domain {self.number}: {self.title}"


class EdsOutcome(models.Model):
    code = models.CharField(max_length=2, unique=True)  # 1A … 3C
    domain = models.ForeignKey(EdsDomain, on_delete=models.PROTECT, related_name="outcomes")
    text = models.TextField()
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = "EDS outcome"

    def __str__(self):
        return f"{self.code}: {self.text}"


class EdsReport(VersionedRecord):
    """One organisation's EDS 2022 report for one reporting year ("2022/23")."""

    Status = rules.Status
    EDITABLE_STATUSES = rules.EDITABLE_STATUSES
    Method = scoring.Method

    class CompletedBy(models.TextChoices):
        ALONE = "alone", "By the organisation alone"
        PARTNERSHIP = "partnership", "In partnership with other organisations of the system"

    class Domain1Grading(models.TextChoices):
        PER_SERVICE = "per_service", "Rate each outcome for each service"
        ACROSS = "across", "Rate each outcome once, across the chosen services"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="eds_reports"
    )
    year = models.CharField("Reporting year", max_length=7)
    board_sponsor = models.CharField(
        "Organisation board sponsor / lead", max_length=NAME_MAX, blank=True
    )
    eds_lead = models.CharField("EDS lead", max_length=NAME_MAX, blank=True)
    completed_by = models.CharField(
        "How the report was completed",
        max_length=20,
        choices=CompletedBy.choices,
        default=CompletedBy.ALONE,
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="eds_partnerships", verbose_name="Partners"
    )
    completed_actions = models.TextField("Completed actions from previous year", blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="eds_reports")
    core20plus5_services = models.ManyToManyField(
        Service, blank=True, related_name="eds_reports_core20plus5"
    )
    domain1_grading = models.CharField(
        "How Domain 1 is rated",
        max_length=20,
        choices=Domain1Grading.choices,
        default=Domain1Grading.PER_SERVICE,
    )
    method = models.CharField(
        "How the services' ratings are combined",
        max_length=20,
        choices=Method.choices,
        default=Method.MEAN_ROUNDED,
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)

    submitted_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField("Comments when returned", blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authoriser_name = models.CharField(max_length=NAME_MAX, blank=True)
    # When the approver pressed Authorise; the demo's paper sign-off has a month only.
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorisation_date = models.CharField("Authorisation date", max_length=50, blank=True)
    authorised_on_behalf_of = models.CharField(max_length=NAME_MAX, blank=True)
    years_active = models.CharField("Year(s) active", max_length=50, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    previous_year = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_years"
    )

    history = HistoricalRecords(m2m_fields=[partners, services, core20plus5_services])

    class Meta:
        ordering = ["-year", "organisation__name", "-version_number"]
        verbose_name = "EDS report"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "version_number"],
                name="one_eds_report_per_organisation_year_version",
            )
        ]

    def __str__(self):
        return f"EDS {self.year}: {self.organisation}"

    def get_absolute_url(self):
        return address_for("eds:detail", self.pk)

    @property
    def deadline(self):
        """The 28 February the report is to be published by."""
        return rules.publication_deadline(self.year)

    @property
    def published_late(self) -> bool:
        return bool(self.published_at) and timezone.localdate(self.published_at) > self.deadline

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def per_service(self):
        return self.domain1_grading == self.Domain1Grading.PER_SERVICE


def _one_per(*, name):
    """One row per report, outcome and service; one per report and outcome where the row
    is for no one service (NULLs are distinct to a plain unique constraint)."""
    return [
        models.UniqueConstraint(
            fields=["report", "outcome", "service"],
            condition=models.Q(service__isnull=False),
            name=f"{name}_per_service",
        ),
        models.UniqueConstraint(
            fields=["report", "outcome"],
            condition=models.Q(service__isnull=True),
            name=f"{name}_per_outcome",
        ),
    ]


class OutcomePart(models.Model):
    """A part of a report about one outcome: for one service (Domain 1 rated per service),
    or for the report as a whole (`service` empty)."""

    outcome = models.ForeignKey(EdsOutcome, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class OutcomeGrade(OutcomePart):
    """One outcome's evidence, rating and owner: for one service (Domain 1 rated per
    service), or for the report as a whole (`service` empty)."""

    report = models.ForeignKey(EdsReport, on_delete=models.CASCADE, related_name="grades")
    evidence = models.TextField(blank=True)
    # An equity evidence table of the organisation, cited as evidence for the outcome.
    evidence_table = models.ForeignKey(
        EvidenceTable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Equity evidence",
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True, choices=scoring.Rating.choices)
    owner = models.CharField("Owner (Dept/Lead)", max_length=NAME_MAX, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__order", "service__name"]
        constraints = [
            *_one_per(name="one_grade"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__lte=3),
                name="eds_rating_0_to_3",
            ),
        ]

    def __str__(self):
        return f"{self.outcome_id} grade"


class Objective(OutcomePart):
    """The action plan's objective for one outcome (and, for Domain 1 rated per service,
    one service). Its actions are the shared core's Action rows raised by it."""

    report = models.ForeignKey(EdsReport, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField("Objective", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__order", "service__name"]
        constraints = _one_per(name="one_objective")

    def __str__(self):
        return f"EDS report {self.report.year}: action plan for {self.outcome.code}"

    def get_absolute_url(self):
        return address_for("eds:detail", self.report_id)

    @property
    def organisation(self):
        return self.report.organisation
