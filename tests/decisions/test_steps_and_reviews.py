"""The six steps, completed in order with their dates checked, and the reviews a complete
(read-only) record takes."""

import datetime

from django.urls import reverse

from idmf.decisions.models import DecisionStep
from tests.decisions.factories import STEP_VALUES, complete_steps, fill_steps
from tests.decisions.posts import step_post
from tests.forms import date_post


def test_save_and_mark_complete(client_for, cast, record):
    client = client_for(cast.author)
    data = step_post(record, 1, title=record.title, kind="strategy", **STEP_VALUES[1])
    response = client.post(reverse("decisions:step", args=[record.pk, 1]), data | {"complete": "1"})
    assert response["Location"] == reverse("decisions:step", args=[record.pk, 2])
    step = DecisionStep.objects.get(record=record, number=1)
    assert step.completed_by == cast.author
    page = client.get(reverse("decisions:detail", args=[record.pk])).content.decode()
    assert f"Completed by {cast.author.get_full_name()}" in page


def test_completing_out_of_order_is_refused_with_a_clear_message(client_for, cast, record):
    client = client_for(cast.author)
    data = step_post(record, 2, **STEP_VALUES[2]) | {"complete": "1"}
    response = client.post(reverse("decisions:step", args=[record.pk, 2]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Complete step 1 first: steps are completed in order" in page
    assert "Your changes have been saved" in page
    record.refresh_from_db()
    assert record.uptake_data == STEP_VALUES[2]["uptake_data"]
    assert not DecisionStep.objects.filter(completed_at__isnull=False).exists()


def test_dates_are_validated(client_for, cast, record):
    fill_steps(record, 5)
    client = client_for(cast.author)
    page = client.post(
        reverse("decisions:step", args=[record.pk, 6]),
        step_post(record, 6, measures="m", review_date=datetime.date(2021, 6, 1)),
    ).content.decode()
    assert "The review date must be after the date of the decision" in page
    future = datetime.date.today() + datetime.timedelta(days=10)
    page = client.post(
        reverse("decisions:step", args=[record.pk, 5]), step_post(record, 5, decision_date=future)
    ).content.decode()
    assert "The date of the decision must be today or earlier" in page
    page = client.post(
        reverse("decisions:step", args=[record.pk, 6]),
        step_post(record, 6)
        | {"review_date_0": "31", "review_date_1": "2", "review_date_2": "2023"},
    ).content.decode()
    assert "Review date must be a real date" in page


def test_a_complete_record_is_read_only_but_takes_reviews(client_for, cast, record):
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    client = client_for(cast.author)
    response = client.post(
        reverse("decisions:step", args=[record.pk, 3]), step_post(record, 3, how_engaged="Changed")
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.how_engaged != "Changed"
    response = client.post(
        reverse("decisions:review", args=[record.pk]),
        {
            **date_post("reviewed_on", datetime.date(2022, 6, 8)),
            "notes": "Uptake gap narrowed",
            **date_post("next_review_date", datetime.date(2023, 6, 8)),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Review added" in page and "Uptake gap narrowed" in page
    record.refresh_from_db()
    assert record.review_date == datetime.date(2023, 6, 8)


def test_reviews_wait_for_completion(client_for, cast, record):
    assert (
        client_for(cast.author).get(reverse("decisions:review", args=[record.pk])).status_code
        == 403
    )


def test_a_step_ahead_of_its_turn_is_a_labelled_draft(client_for, cast, record):
    page = (
        client_for(cast.author).get(reverse("decisions:step", args=[record.pk, 3])).content.decode()
    )
    assert "draft ahead of its turn" in page
    assert "Save and mark step 3 complete" not in page
    assert "Save draft and return to the steps" in page
