"""Who may see and do what with an assessment: every page, for each member of the fixed
cast."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import Assessment, Stage1Answer
from idmf.actions.models import Action
from idmf.core.models import Role
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.forms import date_post

SECTION_SLUGS = [
    "about",
    "people",
    "section-1",
    "section-2",
    "section-3",
    "section-4",
    "protected",
    "inclusion",
    "intersectional",
    "actions",
    "outcome",
]


def read_urls(pk):
    return [
        reverse("assessments:detail", args=[pk]),
        reverse("assessments:pdf", args=[pk]),
        reverse("assessments:history", args=[pk]),
    ]


def edit_urls(pk):
    return [reverse("assessments:section", args=[pk, s]) for s in SECTION_SLUGS] + [
        reverse("assessments:check", args=[pk])
    ]


@pytest.mark.parametrize("role", list(Role.values))
def test_every_member_can_read_an_assessment(client_for, cast, draft, role):
    client = client_for(cast.by_role()[role])
    for url in read_urls(draft.pk):
        assert client.get(url).status_code == 200, url


def test_system_member_can_read_but_not_edit(client_for, cast, draft):
    client = client_for(cast.system_member)
    assert client.get(reverse("assessments:detail", args=[draft.pk])).status_code == 200
    assert client.get(edit_urls(draft.pk)[0]).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "no_membership"])
def test_outsiders_get_404_everywhere(client_for, cast, draft, who):
    client = client_for(getattr(cast, who))
    urls = read_urls(draft.pk) + edit_urls(draft.pk)
    urls += [
        reverse(f"assessments:{n}", args=[draft.pk]) for n in ("approve", "return", "new_version")
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": draft.version}).status_code == 404, url


def test_author_can_open_every_section(client_for, cast, draft):
    client = client_for(cast.author)
    for url in edit_urls(draft.pk):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.APPROVER, Role.BOARD_SECRETARY, Role.ORGANISATION_ADMIN]
)
def test_roles_without_edit_cannot_edit(client_for, cast, draft, role):
    client = client_for(cast.by_role()[role])
    url = reverse("assessments:section", args=[draft.pk, "about"])
    response = client.post(url, {"version": draft.version, "title": "Hijacked"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title != "Hijacked"
    assert client.get(reverse("assessments:new")).status_code == 403


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.VIEWER, Role.BOARD_SECRETARY])
def test_only_approvers_review(client_for, cast, draft, role):
    submitted(draft, by=cast.author)
    client = client_for(cast.by_role()[role])
    assert client.get(reverse("assessments:approve", args=[draft.pk])).status_code == 403
    assert (
        client.post(reverse("assessments:return", args=[draft.pk]), {"comment": "x"}).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


def test_approver_cannot_approve_their_own(client_for, cast):
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.approver)
    submitted(assessment, by=cast.approver)
    response = client_for(cast.approver).get(reverse("assessments:approve", args=[assessment.pk]))
    assert response.status_code == 403


def test_a_post_to_an_approved_assessment_changes_nothing(client_for, cast, draft):
    approved(submitted(draft, by=cast.author), by=cast.approver)
    before = (
        draft.version,
        draft.title,
        list(Stage1Answer.objects.values_list("rationale", flat=True)),
    )
    client = client_for(cast.author)
    for slug, data in [
        ("about", {"title": "Changed"}),
        ("section-1", {"q1-answer": "no", "q1-rationale": "Changed"}),
        (
            "actions",
            {
                "title": "x",
                "owner": "y",
                **date_post("due_date", datetime.date(2030, 1, 1)),
            },
        ),
    ]:
        response = client.post(
            reverse("assessments:section", args=[draft.pk, slug]),
            {"version": draft.version, **data},
        )
        # Refused by the write, with what was typed shown back.
        assert response.status_code == 200
        assert "This assessment is approved and cannot be changed" in response.content.decode()
    assert client.post(reverse("assessments:check", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    after = (
        draft.version,
        draft.title,
        list(Stage1Answer.objects.values_list("rationale", flat=True)),
    )
    assert after == before
    assert not Action.objects.exists()
