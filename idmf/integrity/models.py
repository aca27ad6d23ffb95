"""The seals of final records' history (idmf.integrity.chain)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class HistorySeal(models.Model):
    """One history row of a final record, sealed: its digest covers the row's every value and
    the digest of the record's seal before it, so a row changed, or deleted, behind the
    application's back breaks the record's chain. Derived: never edited."""

    history_model = models.CharField(max_length=100)  # "assessments.historicalassessment"
    history_id = models.PositiveBigIntegerField()
    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    previous_digest = models.CharField(max_length=64, blank=True)  # "" for a record's first
    sealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["history_model", "history_id"], name="one_seal_per_history_row"
            ),
            # One chain a record: no two seals follow the same one.
            models.UniqueConstraint(
                fields=["record_type", "record_id", "previous_digest"], name="one_chain_per_record"
            ),
        ]
        indexes = [models.Index(fields=["record_type", "record_id", "history_id"])]

    def __str__(self):
        return f"{self.history_model} {self.history_id}"
