"""Invitations to join an organisation (the table keeps the name it had in the core), and
what was typed when a session had ended."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from idmf.core.models import Organisation, Role
from idmf.core.status import Tag


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
    history = HistoricalRecords(table_name="core_historicalinvitation")

    class Meta:
        db_table = "core_invitation"
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


class KeptPost(models.Model):
    """What a person pressed a button on after their session had ended, kept for them for
    KEPT_FOR, to show back on the same form once they sign in again (idmf.people.kept).
    Never anyone else's: it is tied to the person the browser last signed in as."""

    KEPT_FOR = datetime.timedelta(minutes=30)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=2000)
    data = models.JSONField()  # [[field name, value], ...] as posted, in order
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "path"])]

    def __str__(self):
        return f"Kept for {self.user_id} at {self.path}"
