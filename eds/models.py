"""The Equality Delivery System 2022: its three domains and eleven outcomes, as reference
data loaded from fixtures/eds/ by a data migration (wording exactly as the EDS template)."""

from django.db import models
from simple_history.models import HistoricalRecords


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
