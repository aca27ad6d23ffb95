"""Sending the outbox: each queued notice as one e-mail (a plain-text part and an HTML part)
through the configured backend (SMTP in production), over one connection a batch.

A notice is claimed before it is sent, so two workers never send it twice, and put back if
the mail server refuses it for now, cannot be reached or does not answer within
EMAIL_TIMEOUT: it stays queued, and the worker tries the outbox again NOTICE_RETRY_SECONDS
later (the daily reminders job sends it too). A notice is never lost and never sent twice.
One the server refuses for good (its address does not exist: a 5xx answer) is kept with the
answer (`refused`) and not tried again, so it cannot hold the outbox up for ever."""

import contextlib
import datetime
import logging
import re
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend, task

from idmf.core.logs import logged_task, masked, queue
from idmf.notices.models import Notice

log = logging.getLogger(__name__)

BATCH = 500
# The server went away, or would not talk to us: the rest of the batch waits too. (smtplib's
# errors are OSErrors: the server's answers to one message are told apart first.)
SERVER_GONE = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)
ANSWERED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException)
LINK = re.compile(r"^https?://\S+$")


def paragraphs(body: str) -> list[list[tuple[str, bool]]]:
    """The plain-text body as paragraphs of lines, each line marked True when it is a link
    on its own (the HTML part makes it one)."""
    return [
        [(line, bool(LINK.match(line))) for line in block.splitlines()]
        for block in re.split(r"\n\s*\n", body.strip())
        if block.strip()
    ]


def message_for(notice: Notice, connection) -> EmailMultiAlternatives:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        notice.subject,
        notice.body,
        None,
        [notice.user.email],
        connection=connection,
        headers={
            # The same notice always has the same id: a mail system that sees it twice can
            # tell. Auto-Submitted keeps out-of-office replies away (RFC 3834).
            "Message-ID": f"<notice-{notice.pk}@{host}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    html = render_to_string(
        "notices/email.html",
        {"subject": notice.subject, "paragraphs": paragraphs(notice.body)},
    )
    message.attach_alternative(html, "text/html")
    return message


def _put_back(notice: Notice) -> None:
    Notice.objects.filter(pk=notice.pk).update(sent_at=None)


def server_gone(error: Exception) -> bool:
    """Whether the server went away, would not talk to us or did not answer in time (no
    connection, a timeout), rather than answering this one message."""
    if isinstance(error, SERVER_GONE):
        return True
    return isinstance(error, OSError) and not isinstance(error, ANSWERED)


def refused_for_good(error: Exception) -> str:
    """Why the server refused this one message for good (a 5xx answer to its recipient or
    its content), or "" when it may be tried again. A refused sender is the site's own
    setting: every notice waits until it is put right."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        if answers and all(500 <= code < 600 for code, _ in answers):
            return " ".join(f"{code} {text.decode(errors='replace')}" for code, text in answers)
    elif isinstance(error, smtplib.SMTPDataError) and 500 <= error.smtp_code < 600:
        return f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}"
    return ""


def deliver_pending() -> int:
    """Send every queued notice (up to a batch); returns how many were sent."""
    sent = 0
    waiting = Notice.objects.filter(sent_at__isnull=True).select_related("user").order_by("pk")
    connection = get_connection()
    try:
        for notice in waiting[:BATCH]:
            # Claim it first: two workers never send the same notice.
            claimed = Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if not claimed:
                continue
            if not (notice.user.is_active and notice.user.email):
                continue  # the account was closed, or its address removed, meanwhile
            try:
                message_for(notice, connection).send()
            except Exception as error:
                if server_gone(error):
                    log.warning("The mail server could not be reached; notices stay queued")
                    _put_back(notice)
                    break
                if why := refused_for_good(error):
                    log.warning("Notice %s was refused for good: %s", notice.pk, masked(why))
                    Notice.objects.filter(pk=notice.pk).update(refused=why[:300])
                elif isinstance(error, ANSWERED):
                    log.warning("Notice %s was refused for now; it will be tried again", notice.pk)
                    _put_back(notice)
                else:
                    log.exception("Notice %s could not be sent; it will be tried again", notice.pk)
                    _put_back(notice)
                continue
            sent += 1
    finally:
        # The server went away after the last message: nothing is lost.
        with contextlib.suppress(OSError):
            connection.close()
    return sent


def retry_queued() -> bool:
    """Whether a later try of the outbox is already queued (on the database queue)."""
    try:
        from django_tasks_db.models import DBTaskResult, get_date_max
    except ImportError:  # another queue: a retry too many only finds nothing to send
        return False
    return (
        DBTaskResult.objects.filter(status="READY", task_path=deliver_notices.module_path)
        .filter(run_after__gt=timezone.now(), run_after__lt=get_date_max())
        .exists()
    )


@task()
@logged_task
def deliver_notices() -> int:
    """The worker's task: send the outbox; while anything is left (the server refused or was
    down), try again in NOTICE_RETRY_SECONDS."""
    sent = deliver_pending()
    waiting = Notice.objects.filter(sent_at__isnull=True).exists()
    if waiting and default_task_backend.supports_defer and not retry_queued():
        later = timezone.now() + datetime.timedelta(seconds=settings.NOTICE_RETRY_SECONDS)
        queue(deliver_notices, run_after=later)
    return sent
