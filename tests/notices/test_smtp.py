"""Notices through a real SMTP server on loopback: what arrives (headers, both parts), once
per event per person, never to someone who left; a server that refuses, stalls or is down
leaves the notice queued, tried again later, and sent once."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from idmf.notices import delivery
from idmf.notices.models import Notice
from idmf.people.services import close_account
from tests.core.factories import ActionFactory, MembershipFactory, UserFactory
from tests.notices.test_notices import submitted


def addressees(server) -> list[str]:
    return sorted(message["To"] for message in server.received)


def second_approver(cast):
    person = UserFactory(username="second.approver")
    MembershipFactory(user=person, organisation=cast.organisation, role="approver")
    return person


def test_a_notice_arrives_with_its_headers_and_both_parts(cast, mail_server):
    assessment = submitted(cast)
    assert delivery.deliver_notices.call() == 1
    (message,) = mail_server.received
    assert message["To"] == cast.approver.email
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    # (Python folds a header with an encoded word onto a second line; readers unfold it.)
    assert message["Subject"].strip().startswith("For your approval: EHIIRA")
    notice = Notice.objects.get(user=cast.approver)
    assert message["Message-ID"] == f"<notice-{notice.pk}@127.0.0.1>"
    assert message["Auto-Submitted"] == "auto-generated"
    link = f"{settings.SITE_URL}{assessment.get_absolute_url()}"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert link in plain and "sent this EHIIRA" in plain
    assert f'<a href="{link}"' in html and "sent this EHIIRA" in html
    assert Notice.objects.get(pk=notice.pk).sent_at is not None


def test_one_message_per_event_per_person_and_none_to_someone_who_left(cast, mail_server):
    second = second_approver(cast)
    leaver = UserFactory(username="leaving.approver")
    MembershipFactory(user=leaver, organisation=cast.organisation, role="approver")
    submitted(cast)
    # They leave after the event was queued, before the worker sent it.
    close_account(
        person=leaver,
        organisation=cast.organisation,
        reason="Left the trust",
        by=cast.organisation_admin,
    )
    delivery.deliver_pending()
    delivery.deliver_pending()  # a second run, or a second worker, sends nothing again
    assert addressees(mail_server) == sorted([cast.approver.email, second.email])
    assert Notice.objects.filter(sent_at__isnull=True).count() == 0


def retry_is_queued() -> bool:
    return DBTaskResult.objects.filter(
        task_path=delivery.deliver_notices.module_path, status="READY"
    ).exists()


@pytest.mark.parametrize("trouble", ["refusing", "stalling", "down"])
def test_a_server_in_trouble_leaves_notices_queued_then_sends_each_once(cast, mail_server, trouble):
    second_approver(cast)
    submitted(cast)
    DBTaskResult.objects.all().delete()  # the run queued by the submission
    if trouble == "refusing":
        mail_server.mailbox.refusing = True
    elif trouble == "stalling":
        mail_server.mailbox.stalling = settings.EMAIL_TIMEOUT + 1
    else:
        mail_server.stop()

    assert delivery.deliver_notices.call() == 0
    assert Notice.objects.filter(sent_at__isnull=True).count() == 2  # nothing lost
    assert retry_is_queued()  # the worker will try again
    delivery.deliver_notices.call()  # a second failure queues no second retry
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    mail_server.mailbox.reset()
    mail_server.running()
    assert delivery.deliver_pending() == 2
    assert delivery.deliver_pending() == 0
    assert len(mail_server.received) == 2  # each sent once, however many tries
    assert Notice.objects.filter(sent_at__isnull=True).count() == 0


def test_an_address_refused_for_good_is_not_tried_again_nor_holds_the_rest(cast, mail_server):
    gone = second_approver(cast)
    mail_server.mailbox.unknown = {gone.email}
    submitted(cast)
    DBTaskResult.objects.all().delete()
    assert delivery.deliver_notices.call() == 1
    assert addressees(mail_server) == [cast.approver.email]
    refused = Notice.objects.get(user=gone)
    assert refused.refused == "550 5.1.1 No such mailbox here" and refused.sent_at is not None
    assert not retry_is_queued()  # nothing left to try
    assert delivery.deliver_pending() == 0


def test_the_daily_reminders_go_through_the_mail_server_once(cast, mail_server):
    ActionFactory(
        organisation=cast.organisation,
        title="Late audit",
        assignee=cast.viewer,
        due_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)  # the next day's run, or a second run
    (message,) = mail_server.received
    assert message["To"] == cast.viewer.email and "Late audit" in message["Subject"]
    assert "Late audit" in message.get_body(("plain",)).get_content()
    assert "E-mails sent: 1." in out.getvalue()
