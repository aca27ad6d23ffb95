"""Nothing typed on a step is ever lost (issue 8, cases 2 to 4): each button saves
everything on the page, or shows it back with an error."""

import datetime

from django.urls import reverse

from idmf.decisions.models import DecisionStep
from tests.assessments.factories import AssessmentFactory
from tests.core.factories import ActionFactory
from tests.decisions.factories import STEP_VALUES, complete_steps
from tests.decisions.posts import step_post
from tests.forms import date_post


def action_post(title="Report uptake by quintile"):
    return {
        "action-title": title,
        "action-owner": "Head of PHM",
        **date_post("action-due_date", datetime.date(2027, 3, 31)),
    }


def test_an_action_typed_before_completing_step_6_is_added(client_for, cast, record):
    complete_steps(record, 1, 2, 3, 4, 5)
    record.refresh_from_db()
    data = step_post(record, 6, **STEP_VALUES[6]) | action_post() | {"complete": "1"}
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 6]), data, follow=True
    )
    assert "Step 6 complete" in response.content.decode()
    assert ActionFactory._meta.model.objects.get().title == "Report uptake by quintile"
    assert DecisionStep.objects.get(record=record, number=6).is_complete


def test_add_action_keeps_the_measures_review_date_and_publish_tick(client_for, cast, record):
    complete_steps(record, 1, 2, 3, 4, 5)
    record.refresh_from_db()
    data = step_post(record, 6, **STEP_VALUES[6], published="on") | action_post()
    client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 6]), data | {"add_action": "1"}
    )
    record.refresh_from_db()
    assert record.measures == STEP_VALUES[6]["measures"]
    assert record.review_date == STEP_VALUES[6]["review_date"] and record.published
    assert ActionFactory._meta.model.objects.get().source == record


def test_a_half_typed_action_shows_everything_back(client_for, cast, record):
    complete_steps(record, 1, 2, 3, 4, 5)
    record.refresh_from_db()
    data = step_post(record, 6, measures="Uptake by quintile") | {"action-title": "Half"}
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 6]), data | {"later": "1"}
    )
    page = response.content.decode()
    assert "<title>Error: " in page and "Enter the owner" in page
    assert "Uptake by quintile" in page and 'value="Half"' in page
    record.refresh_from_db()
    assert record.measures == "" and not ActionFactory._meta.model.objects.exists()


def test_linking_an_ehiira_keeps_the_evidence_notes(client_for, cast, record):
    complete_steps(record, 1, 2, 3)
    record.refresh_from_db()
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    data = step_post(record, 4) | {"evidence_notes": "EHIIRA drafted with the panel"}
    client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 4]),
        data | {"assessment": assessment.pk, "link": "1"},
    )
    record.refresh_from_db()
    assert record.assessment == assessment
    assert record.steps.get(number=4).evidence_notes == "EHIIRA drafted with the panel"


def test_link_with_no_ehiira_chosen_keeps_the_notes_and_the_buttons(client_for, cast, record):
    complete_steps(record, 1, 2, 3)
    record.refresh_from_db()
    data = step_post(record, 4) | {"evidence_notes": "Notes typed first", "link": "1"}
    response = client_for(cast.author).post(reverse("decisions:step", args=[record.pk, 4]), data)
    page = response.content.decode()
    assert "<title>Error: " in page and "Choose the EHIIRA to link" in page
    assert "Notes typed first" in page
    assert "Save and mark step 4 complete" in page


def test_a_double_press_of_add_action_on_step_6_says_it_was_added(client_for, cast, record):
    import uuid

    complete_steps(record, 1, 2, 3, 4, 5)
    record.refresh_from_db()
    data = step_post(record, 6) | action_post() | {"action-submission": str(uuid.uuid4())}
    client = client_for(cast.author)
    client.post(reverse("decisions:step", args=[record.pk, 6]), data | {"add_action": "1"})
    again = client.post(
        reverse("decisions:step", args=[record.pk, 6]), data | {"add_action": "1"}, follow=True
    ).content.decode()
    assert "was already added" in again and "Someone else saved" not in again
    assert ActionFactory._meta.model.objects.count() == 1


def test_a_stale_save_shows_back_what_was_typed(client_for, cast, record):
    opened = record.version
    record.aims = "A colleague's aims"
    record.version += 1
    record.save()
    data = step_post(record, 1, title=record.title, kind=record.kind, aims="My own aims")
    data |= {"version": opened, "later": "1"}
    page = (
        client_for(cast.author)
        .post(reverse("decisions:step", args=[record.pk, 1]), data)
        .content.decode()
    )
    assert "Someone else saved this decision record" in page
    assert "My own aims" in page and "Your changes have been saved" not in page
