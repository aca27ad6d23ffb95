"""Invitations, leavers and colleagues added to a record, as people use them."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from idmf.core.models import Membership, Role, Share
from idmf.notices.models import Notice
from idmf.people import services as people_services
from idmf.people.models import Invitation
from tests.assessments.factories import AssessmentFactory, submitted
from tests.core.factories import ActionFactory, MembershipFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory

User = get_user_model()


def invite(client, organisation, email="new.person@nhs.net", role=Role.AUTHOR, **more):
    return client.post(
        reverse("invitations", args=[organisation.pk]),
        {"invite-email": email, "invite-role": role, **more},
        follow=True,
    )


def link_in(message) -> str:
    return re.search(r"http://\S+/invitations/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return urlsplit(url).path


def as_(user) -> Client:
    """A browser of its own, signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


# --- invitations --------------------------------------------------------------------


def test_an_admin_invites_by_e_mail_and_the_history_says_who_invited_whom(cast):
    response = invite(as_(cast.organisation_admin), cast.organisation)
    page = response.content.decode()
    assert "Invitation sent to new.person@nhs.net" in page
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.person@nhs.net",
        Role.AUTHOR,
        cast.organisation_admin,
    )
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    [message] = mail.outbox
    assert message.to == ["new.person@nhs.net"]
    assert "as author" in message.body and "Accept within 7 days" in message.body
    assert "you can set a password" in message.body  # no single sign-on here
    assert invitation.token_hash not in message.body  # only the token's hash is kept
    history = as_(cast.organisation_admin).get(
        reverse("organisation_history", args=[cast.organisation.pk])
    )
    assert "invited new.person@nhs.net as author" in history.content.decode()


def test_a_bad_address_is_shown_back_with_an_error(cast):
    response = invite(as_(cast.organisation_admin), cast.organisation, email="not-an-address")
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'value="not-an-address"' in page
    assert not Invitation.objects.exists()


def test_the_same_invitation_twice_is_refused_until_the_first_is_withdrawn(cast):
    client = as_(cast.organisation_admin)
    invite(client, cast.organisation)
    again = invite(client, cast.organisation).content.decode()
    assert "has already been invited as author" in again
    first = Invitation.objects.get()
    # Withdrawing the first also sends the one typed in: nothing typed is lost.
    response = invite(client, cast.organisation, revoke=first.pk)
    page = response.content.decode()
    assert "The invitation to new.person@nhs.net is withdrawn" in page
    assert "Invitation sent to new.person@nhs.net" in page
    first.refresh_from_db()
    assert first.status == Invitation.Status.REVOKED
    assert Invitation.objects.filter(status=Invitation.Status.WAITING).count() == 1


def test_someone_invited_sets_a_password_and_joins_in_the_role(cast):
    invite(as_(cast.organisation_admin), cast.organisation, role=Role.VIEWER)
    link = path_of(link_in(mail.outbox[0]))
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Join Our ICB" in page and "as viewer" in page
    typed = {"first_name": "New", "last_name": "Person", "password": "correct-horse-9"}
    mismatched = visitor.post(link, {**typed, "password_again": "something-else-9"})
    assert "Enter the same password twice" in mismatched.content.decode()
    assert 'value="Person"' in mismatched.content.decode()
    joined = visitor.post(link, {**typed, "password_again": "correct-horse-9"}, follow=True)
    assert "You have joined Our ICB as viewer" in joined.content.decode()
    person = User.objects.get(email="new.person@nhs.net")
    assert person.check_password("correct-horse-9")
    assert Membership.objects.get(user=person).role == Role.VIEWER
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.accepted_by) == (Invitation.Status.ACCEPTED, person)
    assert "already been accepted" in Client().get(link).content.decode()


def test_an_expired_or_withdrawn_invitation_cannot_be_accepted(cast):
    invite(as_(cast.organisation_admin), cast.organisation)
    link = path_of(link_in(mail.outbox[0]))
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    visitor = Client()
    assert "This invitation has expired" in visitor.get(link).content.decode()
    visitor.post(
        link,
        {
            "first_name": "A",
            "last_name": "B",
            "password": "correct-horse-9",
            "password_again": "correct-horse-9",
        },
    )
    assert not User.objects.filter(email="new.person@nhs.net").exists()
    Invitation.objects.update(
        expires_at=timezone.now() + datetime.timedelta(days=1), status=Invitation.Status.REVOKED
    )
    assert "This invitation was withdrawn" in visitor.get(link).content.decode()
    assert Client().get("/invitations/not-a-real-token/").status_code == 404


def test_someone_with_an_account_logs_in_and_accepts(cast):
    person = UserFactory(email="known@nhs.net")
    invite(as_(cast.organisation_admin), cast.organisation, email="Known@nhs.net")
    link = path_of(link_in(mail.outbox[0]))
    page = Client().get(link).content.decode()
    assert "There is already an account for known@nhs.net" in page
    stranger = as_(cast.viewer)  # signed in as someone else
    assert "This invitation is for known@nhs.net" in stranger.get(link).content.decode()
    stranger.post(link)
    assert not Membership.objects.filter(user=cast.viewer, role=Role.AUTHOR).exists()
    client = Client()
    client.force_login(person)
    client.post(link)
    assert Membership.objects.filter(user=person, organisation=cast.organisation).exists()


def test_invitations_waiting_for_an_address_are_accepted_when_it_signs_in(cast):
    people_services.invite(
        organisation=cast.organisation, email="sso@nhs.net", role=Role.AUTHOR, by=cast.author
    )
    person = UserFactory(email="sso@nhs.net")
    [membership] = people_services.accept_waiting_invitations(user=person, by=person)
    assert (membership.organisation, membership.role) == (cast.organisation, Role.AUTHOR)


# --- leavers --------------------------------------------------------------------------


def test_closing_a_leavers_account_passes_their_work_on_and_signs_them_out(cast):
    colleague = UserFactory(username="colleague")
    MembershipFactory(user=colleague, organisation=cast.organisation, role=Role.AUTHOR)
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author, title="Mine")
    decision = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    done = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    submitted(done, by=cast.author)
    action = ActionFactory(organisation=cast.organisation, assignee=cast.author)
    leaver = Client()
    leaver.force_login(cast.author)
    assert leaver.get(reverse("home")).status_code == 200

    admin = as_(cast.organisation_admin)
    url = reverse("close_account", args=[cast.organisation.pk, cast.author.pk])
    page = admin.get(url).content.decode()
    assert "Mine" in page and action.title in page
    response = admin.post(url, {"transfer_to": colleague.pk, "reason": "Left on 30 November"})
    assert response.status_code == 302

    cast.author.refresh_from_db()
    assert not cast.author.is_active
    draft.refresh_from_db()
    decision.refresh_from_db()
    done.refresh_from_db()
    action.refresh_from_db()
    assert draft.created_by == colleague and decision.created_by == colleague
    assert done.created_by == cast.author  # submitted: not a draft, stays theirs
    assert (action.assignee, action.owner) == (colleague, colleague.get_full_name())
    assert draft.history.first().history_change_reason.startswith("Handed over from")
    assert draft.history.first().history_user == cast.organisation_admin
    closed = cast.author.history.first()
    assert closed.history_change_reason == "Account closed: Left on 30 November"
    assert closed.history_user == cast.organisation_admin
    # Signed out at once, and their membership and writing stay.
    assert leaver.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert Membership.objects.filter(user=cast.author).exists()
    assert Assessment.objects.filter(created_by=cast.author).exists()


def test_a_reason_is_needed_and_nothing_changes_without_it(cast):
    url = reverse("close_account", args=[cast.organisation.pk, cast.author.pk])
    page = as_(cast.organisation_admin).post(url, {"reason": ""}).content.decode()
    assert "Enter the why the account is being closed" in page or "<title>Error: " in page
    cast.author.refresh_from_db()
    assert cast.author.is_active


def test_an_admin_cannot_close_their_own_or_another_organisations_persons_account(cast):
    admin = as_(cast.organisation_admin)
    own = reverse("close_account", args=[cast.organisation.pk, cast.organisation_admin.pk])
    assert "cannot close your own account" in admin.post(own, {"reason": "x"}).content.decode()
    MembershipFactory(user=cast.viewer, organisation=cast.other, role=Role.VIEWER)
    theirs = reverse("close_account", args=[cast.organisation.pk, cast.viewer.pk])
    page = admin.post(theirs, {"reason": "x"}).content.decode()
    assert "also belongs to organisations you do not manage" in page
    cast.organisation_admin.refresh_from_db()
    cast.viewer.refresh_from_db()
    assert cast.organisation_admin.is_active and cast.viewer.is_active
    # Not a member here: not found.
    stranger = reverse("close_account", args=[cast.organisation.pk, cast.outsider.pk])
    assert admin.get(stranger).status_code == 404


# --- colleagues on a record -----------------------------------------------------------


def people_url(record):
    return reverse("record_people", args=[record._meta.label_lower, record.pk])


def add(client, record, person, access):
    return client.post(
        people_url(record), {"share-person": person.pk, "share-access": access}, follow=True
    )


@pytest.fixture
def partner(cast):
    """A colleague of a partner organisation in the same system."""
    person = UserFactory(username="partner", email="partner@nhs.net")
    MembershipFactory(user=person, organisation=cast.sibling, role=Role.VIEWER)
    return person


def test_a_co_author_edits_the_draft_and_the_history_names_them(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    page = add(as_(cast.author), draft, cast.viewer, Share.Access.EDIT).content.decode()
    assert "added and told by e-mail" in page
    notice = Notice.objects.get(user=cast.viewer)
    assert "You are co-author of EHIIRA" in notice.subject
    co_author = as_(cast.viewer)
    assert draft.title in co_author.get(reverse("home")).content.decode()
    url = reverse("assessments:section", args=[draft.pk, "about"])
    assert co_author.get(url).status_code == 200
    co_author.post(url, {"version": draft.version, "title": "Edited by the co-author"})
    draft.refresh_from_db()
    assert draft.title == "Edited by the co-author"
    assert draft.history.first().history_user == cast.viewer


def test_a_reader_reads_and_is_refused_the_edit_pages(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    stranger = UserFactory(username="stranger")
    MembershipFactory(user=stranger, organisation=cast.organisation, role=Role.VIEWER)
    add(as_(cast.author), draft, stranger, Share.Access.VIEW)
    reader = as_(stranger)
    assert reader.get(draft.get_absolute_url()).status_code == 200
    url = reverse("assessments:section", args=[draft.pk, "about"])
    assert reader.post(url, {"version": draft.version, "title": "No"}).status_code == 403


def test_a_joint_decision_takes_partners_but_an_ehiira_does_not(cast, partner):
    decision = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    add(as_(cast.author), decision, partner, Share.Access.EDIT)
    partner_client = as_(partner)
    home = partner_client.get(reverse("home")).content.decode()
    assert decision.title in home and "You have no access yet" not in home
    assert partner_client.get(decision.get_absolute_url()).status_code == 200
    step = reverse("decisions:step", args=[decision.pk, 1])
    assert partner_client.get(step).status_code == 200

    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    page = add(as_(cast.author), draft, partner, Share.Access.EDIT).content.decode()
    assert "Select a valid choice" in page  # not offered, and refused if sent
    assert not Share.objects.filter(record_type__model="assessment", user=partner).exists()
    assert partner_client.get(draft.get_absolute_url()).status_code == 404


def test_a_co_author_cannot_approve_or_add_people(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    add(as_(cast.author), draft, cast.approver, Share.Access.EDIT)
    submitted(draft, by=cast.author)
    approver = as_(cast.approver)
    assert approver.get(reverse("assessments:approve", args=[draft.pk])).status_code == 403
    assert add(approver, draft, cast.viewer, Share.Access.VIEW).status_code == 403


def test_only_a_draft_is_shared(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    submitted(draft, by=cast.author)
    page = as_(cast.author).get(people_url(draft)).content.decode()
    assert "It is no longer a draft" in page
    assert add(as_(cast.author), draft, cast.viewer, Share.Access.EDIT).status_code == 403


def test_taking_a_colleague_off_ends_their_access(cast, partner):
    decision = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    add(as_(cast.author), decision, partner, Share.Access.VIEW)
    share = Share.objects.get()
    as_(cast.author).post(people_url(decision), {"remove": share.pk})
    assert not Share.objects.exists()
    assert as_(partner).get(decision.get_absolute_url()).status_code == 404


def test_a_co_author_approver_is_neither_asked_nor_listed_to_approve(cast):
    other_approver = UserFactory(username="second.approver", email="second@nhs.net")
    MembershipFactory(user=other_approver, organisation=cast.organisation, role=Role.APPROVER)
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    people_services.share_record(
        record=draft, user=cast.approver, access=Share.Access.EDIT, by=cast.author
    )
    submitted(draft, by=cast.author)
    asked = set(Notice.objects.filter(kind="submitted").values_list("user__username", flat=True))
    assert asked == {"second.approver"}
    assert draft.title not in waiting_on_home(as_(cast.approver))
    assert draft.title in waiting_on_home(as_(other_approver))


def waiting_on_home(client) -> str:
    page = client.get(reverse("home")).content.decode()
    return page.split("<h2>Waiting for your approval</h2>")[1].split("<h2>")[0]


def test_the_version_lock_keeps_a_co_author_from_overwriting_the_author(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    people_services.share_record(
        record=draft, user=cast.viewer, access=Share.Access.EDIT, by=cast.author
    )
    url = reverse("assessments:section", args=[draft.pk, "about"])
    opened = draft.version
    as_(cast.author).post(url, {"version": opened, "title": "The author's title"})
    page = as_(cast.viewer).post(url, {"version": opened, "title": "The co-author's title"})
    assert "The co-author&#x27;s title" in page.content.decode()  # shown back, not lost
    draft.refresh_from_db()
    assert draft.title == "The author's title"
