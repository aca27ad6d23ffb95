"""The e-mails the system sends, one row per person per event (the outbox), and the kinds
each person has switched off. The tables keep the names they had in the core."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


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
    sent_at = models.DateTimeField(null=True, blank=True)  # sent, or given up (`refused`)
    # Why the mail server refused it for good (an address that does not exist): not retried.
    refused = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "core_notice"
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
    history = HistoricalRecords(table_name="core_historicalnoticeoptout")

    class Meta:
        db_table = "core_noticeoptout"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: no {self.kind}"
