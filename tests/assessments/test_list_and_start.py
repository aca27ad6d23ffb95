"""Starting an assessment, and the list of them: scoped, filtered and searched; the list's
and an assessment's page's queries do not grow with what they show."""

from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.factories import (
    AssessmentFactory,
    complete_stage1,
    complete_stage2,
    submitted,
)
from tests.core.factories import ActionFactory


def test_start_an_assessment(client_for, cast):
    client = client_for(cast.author)
    response = client.post(
        reverse("assessments:new"),
        {"organisation": cast.organisation.pk, "title": "Maternity redesign", "service_area": ""},
    )
    assessment = Assessment.objects.get(title="Maternity redesign")
    assert response["Location"] == reverse("assessments:section", args=[assessment.pk, "about"])
    assert assessment.created_by == cast.author


def test_cannot_start_an_assessment_for_another_organisation(client_for, cast):
    response = client_for(cast.author).post(
        reverse("assessments:new"), {"organisation": cast.other.pk, "title": "Sneaky"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Assessment.objects.filter(title="Sneaky").exists()


def test_list_is_scoped_filtered_and_searchable(client_for, cast):
    AssessmentFactory(
        organisation=cast.organisation, title="Maternity redesign", created_by=cast.author
    )
    waiting = AssessmentFactory(
        organisation=cast.organisation, title="Diabetes pathway", created_by=cast.author
    )
    submitted(waiting, by=cast.author)
    AssessmentFactory(organisation=cast.other, title="Other system plan")
    client = client_for(cast.approver)
    page = client.get(reverse("assessments:index")).content.decode()
    assert "Maternity redesign" in page and "Diabetes pathway" in page
    assert "Other system plan" not in page and "2 assessments" in page
    page = client.get(reverse("assessments:index"), {"q": "matern"}).content.decode()
    assert "Maternity redesign" in page and "Diabetes pathway" not in page
    page = client.get(reverse("assessments:index"), {"needs_my_approval": "on"}).content.decode()
    assert "Diabetes pathway" in page and "Maternity redesign" not in page
    page = client.get(reverse("assessments:index"), {"status": "draft"}).content.decode()
    assert "Maternity redesign" in page and "Diabetes pathway" not in page
    page = client.get(reverse("assessments:index"), {"author": cast.author.pk}).content.decode()
    assert "1 assessment" not in page and "2 assessments" in page


def test_list_query_count_does_not_grow(client_for, cast, queries_for):
    client = client_for(cast.viewer)
    AssessmentFactory(organisation=cast.organisation)
    before = queries_for(client, reverse("assessments:index"))
    for _ in range(12):
        AssessmentFactory(organisation=cast.organisation)
    assert queries_for(client, reverse("assessments:index")) == before


def test_detail_query_count_does_not_grow(client_for, cast, draft, queries_for):
    client = client_for(cast.viewer)
    url = reverse("assessments:detail", args=[draft.pk])
    before = queries_for(client, url)
    complete_stage1(draft, flag=4)
    complete_stage2(draft)
    for _ in range(3):
        ActionFactory(organisation=cast.organisation, title="a", source=draft)
    assert queries_for(client, url) == before
