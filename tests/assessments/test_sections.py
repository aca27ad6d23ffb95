"""Writing an assessment's sections: saving and going on, the task list, errors shown back
with what was typed, the people responsible and the action plan."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import Assessment, Stage1Answer
from idmf.actions.models import Action
from tests.assessments.factories import submitted
from tests.forms import date_post


def test_save_and_continue_goes_to_the_next_section(client_for, cast, draft):
    client = client_for(cast.author)
    response = client.post(
        reverse("assessments:section", args=[draft.pk, "section-1"]),
        {
            "version": draft.version,
            "q1-answer": "yes",
            "q1-rationale": "It affects patients",
            "continue": "1",
        },
    )
    assert response["Location"] == reverse("assessments:section", args=[draft.pk, "section-2"])
    assert (
        Stage1Answer.objects.get(assessment=draft, question_id=1).rationale == "It affects patients"
    )


def test_save_and_come_back_later_returns_to_the_task_list(client_for, cast, draft):
    response = client_for(cast.author).post(
        reverse("assessments:section", args=[draft.pk, "intersectional"]),
        {"version": draft.version, "intersectional_impact": "Older carers", "later": "1"},
        follow=True,
    )
    assert "Your changes have been saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.intersectional_impact == "Older carers"


def test_task_list_shows_each_sections_status(client_for, cast, draft):
    Stage1Answer.objects.create(assessment=draft, question_id=1, answer="yes", rationale="r")
    page = (
        client_for(cast.author).get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    )
    assert "Section one: equality impact" in page
    assert "In progress" in page and "Not started" in page and "Not needed" in page


def test_too_long_text_is_refused_with_a_clear_error_and_kept(client_for, cast, draft):
    long_title = "T" * 201
    response = client_for(cast.author).post(
        reverse("assessments:section", args=[draft.pk, "about"]),
        {"version": draft.version, "title": long_title, "continue": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Ensure this value has at most 200 characters (it has 201)." in page
    assert f'value="{long_title}"' in page
    draft.refresh_from_db()
    assert draft.title != long_title


def test_a_later_save_of_the_same_draft_is_refused_and_kept_on_the_page(client_for, cast, draft):
    opened = draft.version
    client = client_for(cast.author)
    url = reverse("assessments:section", args=[draft.pk, "about"])
    client.post(url, {"version": opened, "title": "First save", "continue": "1"})
    response = client.post(url, {"version": opened, "title": "Second save", "continue": "1"})
    page = response.content.decode()
    assert "Someone else saved this assessment after you opened this page" in page
    assert 'value="Second save"' in page
    draft.refresh_from_db()
    assert draft.title == "First save"


def test_people_responsible(client_for, cast, draft):
    client = client_for(cast.author)
    url = reverse("assessments:section", args=[draft.pk, "people"])
    data = {
        "version": draft.version,
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-0-name": "Steve McCue",
        "people-0-job_title": "Senior Strategic Development Manager, LLR CCGs",
        "people-1-name": "Mark Pierce",
        "people-1-job_title": "",
        "continue": "1",
    }
    response = client.post(url, data)
    assert "Enter both the name and the job title, or neither" in response.content.decode()
    assert not draft.people.exists()
    data["people-1-job_title"] = "Head of Population Health Management, LLR CCGs"
    client.post(url, data)
    assert list(draft.people.values_list("name", flat=True)) == ["Steve McCue", "Mark Pierce"]


def test_add_an_action_to_the_plan(client_for, cast, draft):
    response = client_for(cast.author).post(
        reverse("assessments:section", args=[draft.pk, "actions"]),
        {
            "version": draft.version,
            "title": "Translate leaflets",
            "owner": "Comms lead",
            **date_post("due_date", datetime.date(2027, 3, 31)),
            "add": "1",
        },
        follow=True,
    )
    assert "Action added: Translate leaflets" in response.content.decode()
    action = Action.objects.get()
    assert action.source == draft and action.organisation == cast.organisation
    assert action.due_date == datetime.date(2027, 3, 31)


@pytest.mark.parametrize("button", ["continue", "later"])
def test_an_action_typed_before_save_and_continue_is_added(client_for, cast, draft, button):
    """Issue 8, case 1: a second action typed and then "Continue" used to be discarded."""
    client = client_for(cast.author)
    url = reverse("assessments:section", args=[draft.pk, "actions"])
    action = {"owner": "Comms lead", **date_post("due_date", datetime.date(2027, 3, 31))}
    client.post(url, {"version": draft.version, "title": "First", **action, "add": "1"})
    draft.refresh_from_db()
    client.post(url, {"version": draft.version, "title": "Second", **action, button: "1"})
    assert sorted(Action.objects.values_list("title", flat=True)) == ["First", "Second"]


def test_a_half_typed_action_is_shown_back_not_dropped(client_for, cast, draft):
    response = client_for(cast.author).post(
        reverse("assessments:section", args=[draft.pk, "actions"]),
        {"version": draft.version, "title": "Half an action", "continue": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert 'value="Half an action"' in page
    assert not Action.objects.exists()


def test_many_people_are_all_saved_or_refused_with_a_message(client_for, cast, draft):
    """Issue 8, case 5: from about 19 people on, saving silently did nothing."""
    url = reverse("assessments:section", args=[draft.pk, "people"])
    client = client_for(cast.author)

    def post(count, **extra):
        data = {"version": draft.version, "people-TOTAL_FORMS": count, "people-INITIAL_FORMS": 0}
        for n in range(count):
            data |= {f"people-{n}-name": f"Person {n}", f"people-{n}-job_title": "Lead"}
        return client.post(url, data | extra)

    post(30, later="1")
    assert draft.people.count() == 30
    draft.refresh_from_db()
    page = post(101, later="1").content.decode()
    assert "<title>Error: " in page and "Please submit at most 100 forms" in page
    assert draft.people.count() == 30


def test_save_and_add_another_person_offers_more_rows(client_for, cast, draft):
    url = reverse("assessments:section", args=[draft.pk, "people"])
    data = {"version": draft.version, "people-TOTAL_FORMS": 2, "people-INITIAL_FORMS": 0}
    data |= {"people-0-name": "Ann", "people-0-job_title": "Lead", "add": "1"}
    response = client_for(cast.author).post(url, data, follow=True)
    page = response.content.decode()
    assert 'value="Ann"' in page and 'name="people-2-name"' in page
    assert draft.people.get().name == "Ann"


def test_a_section_saved_after_the_assessment_was_submitted_shows_back_what_was_typed(
    client_for, cast, draft
):
    submitted(draft, by=cast.author)
    version = Assessment.objects.get(pk=draft.pk).version
    response = client_for(cast.author).post(
        reverse("assessments:section", args=[draft.pk, "about"]),
        {"version": version, "title": "A title typed too late", "continue": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This assessment is submitted and cannot be changed" in page
    assert "A title typed too late" in page
