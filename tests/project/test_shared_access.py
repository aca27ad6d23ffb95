"""What being added to a record as co-author or reader adds, for each role of the record's own
organisation (the permission matrix shows it for people of a partner organisation)."""

import pytest
from django.test import Client
from django.urls import reverse

from idmf.core.models import Role, Share
from idmf.people import services as people_services
from tests.assessments.factories import AssessmentFactory, submitted
from tests.project.test_permission_matrix import outcome_of


@pytest.mark.parametrize("access", [Share.Access.EDIT, Share.Access.VIEW])
def test_shared_access_by_role(cast, access):
    """What being added to a draft EHIIRA adds for each role of its own organisation: a
    co-author edits it whatever their role, and never approves it; a reader gains nothing a
    member does not have."""
    wrong = []
    for role, person in cast.by_role().items():
        draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
        if person != cast.author:
            people_services.share_record(record=draft, user=person, access=access, by=cast.author)
        client = Client()
        client.force_login(person)
        edits = role == Role.AUTHOR or access == Share.Access.EDIT
        section = reverse("assessments:section", args=[draft.pk, "about"])
        got = {
            "detail": outcome_of(client.get(draft.get_absolute_url())),
            "edit": outcome_of(client.get(section)),
        }
        submitted(draft, by=cast.author)
        got["approve"] = outcome_of(client.get(reverse("assessments:approve", args=[draft.pk])))
        may_approve = role == Role.APPROVER and access == Share.Access.VIEW
        want = {"detail": "ok", "edit": "ok" if edits else 403}
        want["approve"] = "ok" if may_approve else 403
        if got != want:
            wrong.append(f"{role} as {access}: {got}, not {want}")
    assert wrong == []
