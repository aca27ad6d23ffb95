from django.db import models


class PublishedCount(models.Model):
    """How many records of one kind an organisation has on the public register: kept up to
    date whenever such a record is saved or deleted (idmf/publishing/counts.py), so the
    register's pages for the whole country read a row an organisation, not every record.
    The organisation and its system are plain ids: a count is derived, never the source."""

    organisation_id = models.BigIntegerField()
    system_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=100)  # a RecordKind's key: "assessments.assessment"
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation_id", "kind"], name="one_count_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind}: {self.count}"
