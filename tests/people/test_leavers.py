"""Closing a leaver's account: who may close whose, who may take on their drafts, and how a
closed account then shows on the members page."""

from django.test import Client
from django.urls import reverse

from idmf.core.models import Role
from idmf.people import rules
from tests.assessments.factories import AssessmentFactory
from tests.core.factories import MembershipFactory, UserFactory


def as_(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def close_url(cast, person):
    return reverse("close_account", args=[cast.organisation.pk, person.pk])


def test_drafts_are_offered_only_to_people_who_may_edit_them(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    second_author = UserFactory(username="second.author", first_name="Sam", last_name="Second")
    MembershipFactory(user=second_author, organisation=cast.organisation, role=Role.AUTHOR)
    admin = as_(cast.organisation_admin)
    page = admin.get(close_url(cast, cast.author)).content.decode()
    offered = page.split('name="transfer_to"')[1].split("</select>")[0]
    assert "second.author" in offered
    for cannot_edit in (cast.viewer, cast.approver, cast.board_secretary):
        assert f"({cannot_edit.username})" not in offered

    # A hand-made request naming a viewer is refused with a sentence, and nothing changes.
    page = admin.post(
        close_url(cast, cast.author), {"transfer_to": cast.viewer.pk, "reason": "Left"}
    ).content.decode()
    assert "<title>Error: " in page
    assert "Choose someone who may edit records here (an author), or nobody" in page
    cast.author.refresh_from_db()
    draft.refresh_from_db()
    assert cast.author.is_active and draft.created_by == cast.author


def test_the_message_counts_in_words(cast):
    AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    second_author = UserFactory(username="second.author", first_name="Sam", last_name="Second")
    MembershipFactory(user=second_author, organisation=cast.organisation, role=Role.AUTHOR)
    response = as_(cast.organisation_admin).post(
        close_url(cast, cast.author),
        {"transfer_to": second_author.pk, "reason": "Left"},
        follow=True,
    )
    page = response.content.decode()
    assert "1 draft and 0 open actions passed to Sam Second" in page


def test_an_organisation_admin_cannot_close_the_site_administrators_account(cast):
    site_admin = UserFactory(username="site.admin", is_superuser=True, is_staff=True)
    MembershipFactory(user=site_admin, organisation=cast.organisation, role=Role.VIEWER)
    staff = UserFactory(username="staff.member", is_staff=True)
    MembershipFactory(user=staff, organisation=cast.organisation, role=Role.VIEWER)
    admin = as_(cast.organisation_admin)
    for person in (site_admin, staff):
        page = admin.post(close_url(cast, person), {"reason": "x"}).content.decode()
        assert "only a site administrator can close their account" in page
        person.refresh_from_db()
        assert person.is_active
    # A site administrator may.
    as_(site_admin).post(close_url(cast, staff), {"reason": "Left"})
    staff.refresh_from_db()
    assert not staff.is_active


def test_the_rule_refuses_site_staff_before_anything_else():
    ours = ("organisation", 1)
    problem = rules.leaver_problem(
        person_id=5, by_id=6, where={ours}, managed={ours}, site_staff=True
    )
    assert "only a site administrator" in problem
    assert rules.leaver_problem(person_id=5, by_id=6, where={ours}, managed={ours}) == ""


def test_a_closed_account_shows_as_closed_with_who_when_and_why(cast, queries_for):
    admin = as_(cast.organisation_admin)
    setup = reverse("organisation_setup", args=[cast.organisation.pk])
    admin.post(close_url(cast, cast.author), {"reason": "Left on 30 November"})
    one_closed = queries_for(admin, setup)
    admin.post(close_url(cast, cast.viewer), {"reason": "Retired"})
    page = admin.get(setup).content.decode()
    admin_name = cast.organisation_admin.get_full_name()
    row = page.split(f'<td class="nhsuk-table__cell">{cast.author.username}</td>')[1]
    row = row.split("</tr>")[0]
    assert "Account closed" in row
    assert f"Closed by {admin_name} on " in row and ": Left on 30 November" in row
    # Nothing that cannot apply is offered: no closing again, no removing.
    assert close_url(cast, cast.author) not in page
    membership = cast.author.memberships.get()
    assert f'name="remove_member" value="{membership.pk}"' not in page
    # An active member keeps both.
    assert close_url(cast, cast.approver) in page
    # Closed accounts are read in one query, however many there are.
    assert queries_for(admin, setup) == one_closed
