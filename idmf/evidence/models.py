"""Equity evidence: one indicator broken down by one dimension, for one period.

A table belongs to an organisation. Its rows are aggregate figures for each group of the
dimension, plus one "not known / not recorded" row so that completeness is measured. A later
period of the same indicator follows an earlier one (`follows`), so change is computed
between them. The dimensions and their groups are reference data (fixtures/evidence/).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from idmf.core.links import address_for
from idmf.core.models import Organisation

NOT_KNOWN = "Not known / not recorded"


class Dimension(models.Model):
    """What a table's groups divide people by. An ordered dimension names its two ends:
    its first group is at `first_end` (the most deprived, for deprivation)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    ordered = models.BooleanField(default=False)
    first_end = models.CharField(max_length=100, blank=True)
    last_end = models.CharField(max_length=100, blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    @property
    def is_custom(self) -> bool:
        return self.slug == "custom"


class DimensionGroup(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="groups")
    label = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["dimension", "order"]

    def __str__(self):
        return self.label


class EvidenceTable(models.Model):
    class Kind(models.TextChoices):
        PROPORTION = "proportion", "Proportion (a numerator and a denominator for each group)"
        RATE = "rate", "Rate per 1,000 or 100,000 (a count and a population for each group)"
        VALUE = "value", "Value (such as life expectancy), with a standard error or interval"

    class Polarity(models.TextChoices):
        HIGHER_BETTER = "higher_better", "Higher is better"
        HIGHER_WORSE = "higher_worse", "Higher is worse"

    class Per(models.IntegerChoices):
        THOUSAND = 1000, "per 1,000"
        HUNDRED_THOUSAND = 100_000, "per 100,000"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evidence_tables"
    )
    indicator = models.CharField("Indicator", max_length=200)
    numerator = models.CharField("What is counted (the numerator)", max_length=300)
    denominator = models.CharField("Out of whom (the denominator or population)", max_length=300)
    source = models.CharField("Source", max_length=300)
    source_url = models.URLField("Link to the source", max_length=500, blank=True)
    period_from = models.DateField("Period from")
    period_to = models.DateField("Period to")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    per = models.PositiveIntegerField(choices=Per.choices, null=True, blank=True)
    unit = models.CharField("Unit of a value", max_length=50, blank=True)
    polarity = models.CharField(max_length=15, choices=Polarity.choices)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    # For a dimension with no deprived end: the two groups whose gap is measured.
    first_group = models.CharField("Compare this group", max_length=100, blank=True)
    second_group = models.CharField("with this group", max_length=100, blank=True)
    illustrative = models.BooleanField(
        "Some figures are illustrative, not real data",
        default=False,
        help_text="Say which on the table's note; they are labelled wherever it is shown.",
    )
    note = models.TextField("Note", blank=True)
    follows = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_period"
    )
    # The first period of the indicator this one re-measures (None for a first period), so
    # every period of one indicator is read in one query.
    series = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="later_periods"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-period_to", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_from__lte=models.F("period_to")),
                name="evidence_period_in_order",
            )
        ]

    def __str__(self):
        return self.indicator

    def get_absolute_url(self):
        return address_for("evidence:detail", self.pk)

    @property
    def first_period_id(self) -> int:
        return self.series_id or self.pk

    def periods(self):
        """Every period of this indicator, earliest first, with their rows."""
        return (
            in_series([self.first_period_id]).select_related("dimension").prefetch_related("rows")
        )


def in_series(firsts) -> models.QuerySet:
    """Every period of the indicators whose first periods are `firsts`, earliest first."""
    return EvidenceTable.objects.filter(
        models.Q(pk__in=firsts) | models.Q(series_id__in=firsts)
    ).order_by("period_to", "pk")


class EvidenceRow(models.Model):
    """One group's figures: `numerator` and `denominator` for a proportion or a rate (the
    count and the population); `value` with `se` or `lower`/`upper` (and the population in
    `denominator`) for a value."""

    table = models.ForeignKey(EvidenceTable, on_delete=models.CASCADE, related_name="rows")
    group = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()
    not_known = models.BooleanField(default=False)
    numerator = models.PositiveBigIntegerField(null=True, blank=True)
    denominator = models.PositiveBigIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    se = models.FloatField("Standard error", null=True, blank=True)
    lower = models.FloatField("Lower 95% limit", null=True, blank=True)
    upper = models.FloatField("Upper 95% limit", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["table", "order"]
        constraints = [models.UniqueConstraint(fields=["table", "group"], name="one_row_per_group")]

    def __str__(self):
        return self.group


class EvidenceSettings(models.Model):
    """An organisation's rules for its equity evidence (the defaults until it sets its own)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="evidence_settings"
    )
    suppress_up_to = models.PositiveSmallIntegerField(
        "Suppress counts from 1 up to",
        default=7,
        help_text="Outside the organisation (the public register, published PDFs), counts "
        "from 1 up to this number are shown as suppressed",
    )
    completeness_warning = models.PositiveSmallIntegerField(
        "Warn when more than this percentage is not known",
        default=10,
        help_text="A table warns that its gaps may mislead when more of its denominator than "
        "this is recorded as not known",
    )
    history = HistoricalRecords()

    def __str__(self):
        return f"Equity evidence settings of {self.organisation}"


def settings_of(organisation_id: int) -> EvidenceSettings:
    """The organisation's settings, or the defaults (unsaved) if it has set none."""
    found = EvidenceSettings.objects.filter(organisation_id=organisation_id).first()
    return found or EvidenceSettings(organisation_id=organisation_id)
