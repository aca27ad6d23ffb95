"""The e-mails about people: an invitation to join (sent at once, its token never
stored), and a colleague added to a record."""

import logging

from django.core.mail import send_mail
from django.urls import reverse

from idmf.core.models import person_name
from idmf.notices.models import NoticeKind
from idmf.notices.outbox import link, notify
from idmf.people import provider

log = logging.getLogger(__name__)


def record_shared(share, *, record, noun: str, by) -> None:
    """Tell a colleague they were added to a record as co-author or reader."""
    label = share.get_access_display().split(" (")[0].lower()
    notify(
        NoticeKind.SHARED,
        users=[share.user],
        organisation=None,  # the share itself lets them read it
        key=f"{record._meta.label_lower}:{record.pk}:shared:{share.user_id}:{share.access}",
        subject=f"You are {label} of {noun} – {record}",
        body=(
            f"{person_name(by)} added you as {label} of this {noun} of "
            f"{record.organisation}:\n\n{record}\n\n{link(record.get_absolute_url())}\n\n"
            "It is listed on your home page.\n"
        ),
    )


def send_invitation(invitation, *, token: str) -> bool:
    """E-mail an invitation (to an address with no account yet, so not through the outbox:
    the token is never stored). Whether it was sent; if not, the admin passes the link on."""
    organisation = invitation.organisation
    days = (invitation.expires_at - invitation.created_at).days
    try:
        send_mail(
            f"Invitation to join {organisation} on Inclusive decisions",
            f"{person_name(invitation.invited_by)} invited you to join {organisation} as "
            f"{invitation.get_role_display().lower()}.\n\nAccept within {days} days here: you "
            f"can {ways_in()}.\n\n{invitation_link(token)}\n",
            None,
            [invitation.email],
        )
    except Exception:
        log.exception("The invitation %s could not be e-mailed", invitation.pk)
        return False
    return True


def ways_in() -> str:
    """How someone invited gets in: with NHSmail, when single sign-on is set up."""
    return "sign in with NHSmail or set a password" if provider.configured() else "set a password"


def invitation_link(token: str) -> str:
    return link(reverse("invitation", args=[token]))
