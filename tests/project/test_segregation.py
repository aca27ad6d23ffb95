"""Segregation of duties: nobody grants themselves a role, and nobody approves what they
wrote or changed. The history says who granted each role."""

import pytest
from django.urls import reverse

from assessments import services
from idmf.core.models import Membership, Role
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.core.factories import MembershipFactory, UserFactory


def setup_url(cast):
    return reverse("organisation_setup", args=[cast.organisation.pk])


def test_an_admin_cannot_grant_themselves_the_approver_role(client_for, cast):
    admin = cast.organisation_admin
    page = (
        client_for(admin)
        .post(
            setup_url(cast),
            {"member-user": admin.pk, "member-role": "approver", "add_member": "1"},
        )
        .content.decode()
    )
    assert "Your own roles can only be changed by another organisation admin" in page
    assert not Membership.objects.filter(user=admin, role=Role.APPROVER).exists()


def test_an_admin_cannot_remove_their_own_role(client_for, cast):
    own = Membership.objects.get(user=cast.organisation_admin, role=Role.ORGANISATION_ADMIN)
    page = (
        client_for(cast.organisation_admin)
        .post(setup_url(cast), {"remove_member": own.pk})
        .content.decode()
    )
    assert "another organisation admin" in page
    assert Membership.objects.filter(pk=own.pk).exists()


def test_another_admin_grants_it_and_the_history_says_who(client_for, cast):
    second = UserFactory(first_name="Second", last_name="Admin")
    MembershipFactory(user=second, organisation=cast.organisation, role=Role.ORGANISATION_ADMIN)
    client = client_for(second)
    client.post(
        setup_url(cast),
        {
            "member-user": cast.organisation_admin.pk,
            "member-role": "approver",
            "add_member": "1",
        },
    )
    assert Membership.objects.filter(user=cast.organisation_admin, role=Role.APPROVER).exists()
    page = client.get(reverse("organisation_history", args=[cast.organisation.pk])).content.decode()
    granted = page.split("Role given")[0].rsplit("<tr", 1)[1]
    assert "Second Admin" in granted and "Approver" in granted


def test_an_approver_who_changed_the_assessment_cannot_approve_it(client_for, cast):
    # An approver who is also an author in the organisation edits a colleague's answer.
    MembershipFactory(user=cast.approver, organisation=cast.organisation, role=Role.AUTHOR)
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    services.save_about(
        assessment=assessment,
        expected_version=assessment.version,
        title="Retitled by the approver",
        service_area="Diabetes",
        overview="Changed by the approver",
        services=[],
        by=cast.approver,
    )
    submitted(assessment, by=cast.author)
    with pytest.raises(services.AssessmentError, match="wrote or changed"):
        approved(assessment, by=cast.approver)
    page = client_for(cast.approver).get(assessment.get_absolute_url()).content.decode()
    assert "Continue to approve" not in page
    assert (
        client_for(cast.approver)
        .get(reverse("assessments:approve", args=[assessment.pk]))
        .status_code
        == 403
    )


def test_returning_it_does_not_stop_the_approver_approving_it_later(cast):
    assessment = submitted(
        AssessmentFactory(organisation=cast.organisation, created_by=cast.author),
        by=cast.author,
    )
    services.return_assessment(
        assessment=assessment, comment="More", require_stage2=False, by=cast.approver
    )
    assessment.refresh_from_db()
    services.submit_assessment(assessment=assessment, by=cast.author)
    assert approved(assessment, by=cast.approver).status == "approved"
