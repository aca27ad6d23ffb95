"""E-mail notices: each event mails the right people once, after the worker (or the
reminders job) sends the outbox; each person can switch each kind off."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from boardtool import pack as builder
from eds.reminders import eds_publication_due
from idmf.actions import services as action_services
from idmf.notices import delivery, outbox
from idmf.notices.models import Notice, NoticeKind, NoticeOptOut
from tests.assessments.factories import AssessmentFactory, complete_stage1
from tests.boardtool.factories import pack_in
from tests.core.factories import ActionFactory, MembershipFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory
from tests.eds.factories import EdsReportFactory


def sent() -> list:
    """What the worker sends now: the e-mails, each as (to, subject, body)."""
    mail.outbox.clear()
    delivery.deliver_pending()
    return [(m.to[0], m.subject, m.body) for m in mail.outbox]


def to(user) -> str:
    return user.email


def submitted(cast):
    assessment = complete_stage1(
        AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    )
    assessment_services.submit_assessment(assessment=assessment, by=cast.author)
    return assessment


def test_a_submission_mails_the_organisations_approvers_once(cast):
    assessment = submitted(cast)
    mails = sent()
    assert [m[0] for m in mails] == [to(cast.approver)]
    _, subject, body = mails[0]
    assert subject.startswith("For your approval: EHIIRA")
    assert f"http://127.0.0.1:8000{assessment.get_absolute_url()}" in body
    assert sent() == []  # sent once: nothing is left for the next run


def test_an_approver_elsewhere_is_not_mailed_about_our_records(cast):
    # A viewer here who approves in another organisation does not approve ours.
    MembershipFactory(user=cast.viewer, organisation=cast.other, role="approver")
    submitted(cast)
    assert [m[0] for m in sent()] == [to(cast.approver)]


def test_approval_and_return_mail_the_author(cast):
    assessment = submitted(cast)
    sent()
    assessment_services.return_assessment(
        assessment=assessment,
        comment="Add the Stage 2 evidence",
        require_stage2=False,
        by=cast.approver,
    )
    ((mail_to, subject, body),) = sent()
    assert mail_to == to(cast.author) and subject.startswith("EHIIRA returned")
    assert "Add the Stage 2 evidence" in body


def test_an_action_given_to_someone_mails_them(cast):
    action_services.create_action(
        organisation=cast.organisation,
        title="Translate the leaflet",
        owner="",
        assignee=cast.viewer,
        due_date=timezone.localdate(),
        by=cast.author,
    )
    ((mail_to, subject, _),) = sent()
    assert mail_to == to(cast.viewer) and subject == "Action for you: Translate the leaflet"


def test_a_kind_switched_off_is_not_sent(cast):
    NoticeOptOut.objects.create(user=cast.approver, kind=NoticeKind.SUBMITTED)
    submitted(cast)
    assert sent() == []


def test_the_same_event_is_queued_once(cast):
    for _ in range(2):
        outbox.notify(
            NoticeKind.PACK_READY,
            users=[cast.viewer, cast.viewer, cast.outsider],
            organisation=cast.organisation,
            key="k",
            subject="Line one\r\nBcc: someone@example.com",
            body="b",
        )
    # Once, to the viewer only (the outsider does not belong here), on one line.
    ((mail_to, subject, _),) = sent()
    assert Notice.objects.count() == 1 and mail_to == to(cast.viewer)
    assert subject == "Line one Bcc: someone@example.com"


def test_a_ready_pack_mails_whoever_asked_for_it(cast):
    made = pack_in(cast.organisation, by=cast.board_secretary)
    builder.build(made.pk)
    made.refresh_from_db()
    assert made.state == "done"
    ((mail_to, subject, body),) = sent()
    assert mail_to == to(cast.board_secretary) and subject.startswith("Assurance pack ready")
    assert made.get_absolute_url() in body


def test_reminders_are_sent_once_each(cast):
    ActionFactory(
        organisation=cast.organisation,
        title="Late audit",
        assignee=cast.viewer,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    ActionFactory(organisation=cast.organisation, title="Future audit", assignee=cast.viewer)
    ActionFactory(
        organisation=cast.organisation,
        title="Finished audit",
        status="done",
        assignee=cast.viewer,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    DecisionRecordFactory(
        organisation=cast.organisation,
        created_by=cast.author,
        title="Clinic move",
        review_date=timezone.localdate(),
    )
    DecisionRecordFactory(
        organisation=cast.organisation,
        created_by=cast.author,
        review_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    got = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert got == sorted(
        [
            (to(cast.viewer), "Action overdue: Late audit"),
            (to(cast.author), "Decision due for review: Clinic move"),
        ]
    )
    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_eds_publication_reminder_a_month_before_the_deadline(cast):
    year = "2026/27"
    deadline = datetime.date(2027, 2, 28)
    EdsReportFactory(organisation=cast.sibling, year=year, status="published")
    sibling_lead = UserFactory()
    MembershipFactory(user=sibling_lead, organisation=cast.sibling, role="approver")
    MembershipFactory(user=sibling_lead, organisation=cast.organisation, role="viewer")

    assert eds_publication_due(today=deadline - datetime.timedelta(days=40)) == 0
    assert eds_publication_due(today=deadline - datetime.timedelta(days=20)) > 0
    recipients = {m[0] for m in sent()}
    # Our organisation has not published: its approver and admin are told; the sibling has.
    assert to(cast.approver) in recipients and to(cast.organisation_admin) in recipients
    assert to(sibling_lead) not in recipients and to(cast.author) not in recipients
    assert eds_publication_due(today=deadline - datetime.timedelta(days=10)) == 0  # once
    assert sent() == []


def test_the_preferences_page_switches_kinds_off_and_on(client_for, cast):
    client = client_for(cast.viewer)
    page = client.get(reverse("notice_preferences")).content.decode()
    assert page.count("checked") == len(NoticeKind.values)
    wanted = [k for k in NoticeKind.values if k != NoticeKind.ACTION_OVERDUE]
    response = client.post(reverse("notice_preferences"), {"wanted": wanted}, follow=True)
    assert "Your e-mail preferences are saved" in response.content.decode()
    assert list(NoticeOptOut.objects.filter(user=cast.viewer).values_list("kind", flat=True)) == [
        NoticeKind.ACTION_OVERDUE
    ]
    opt_out = NoticeOptOut.history.first()
    assert opt_out.history_user == cast.viewer and opt_out.history_change_reason
    client.post(reverse("notice_preferences"), {"wanted": NoticeKind.values})
    assert not NoticeOptOut.objects.filter(user=cast.viewer).exists()


@pytest.mark.parametrize("bad", ["nonsense"])
def test_an_unknown_kind_is_an_error(client_for, cast, bad):
    page = client_for(cast.viewer).post(reverse("notice_preferences"), {"wanted": [bad]})
    assert "<title>Error: " in page.content.decode()
