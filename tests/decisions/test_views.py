import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from idmf.core.models import Role
from idmf.decisions.models import DecisionRecord, DecisionStep
from tests.assessments.factories import (
    AssessmentFactory,
    approved,
    approved_assessment,
    complete_stage2,
    submitted,
)
from tests.core.factories import ActionFactory
from tests.decisions.factories import (
    STEP_VALUES,
    DecisionRecordFactory,
    complete_steps,
    fill_steps,
)
from tests.forms import date_post
from tests.pdf_text import pdf_text


def read_urls(pk):
    return (
        [reverse("decisions:detail", args=[pk]), reverse("decisions:pdf", args=[pk])]
        + [reverse("decisions:step", args=[pk, n]) for n in range(1, 7)]
        + [reverse("decisions:history", args=[pk])]
    )


def step_post(record, number, **values):
    data = {"version": record.version, "evidence_notes": ""}
    for name, value in values.items():
        if isinstance(value, datetime.date):
            data |= date_post(name, value)
        else:
            data[name] = value
    return data


@pytest.mark.parametrize("role", list(Role.values))
def test_every_member_can_read_a_record(client_for, cast, record, role):
    client = client_for(cast.by_role()[role])
    for url in read_urls(record.pk) + [reverse("decisions:index"), reverse("decisions:overdue")]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["outsider", "no_membership"])
def test_outsiders_get_404(client_for, cast, record, who):
    client = client_for(getattr(cast, who))
    urls = read_urls(record.pk) + [
        reverse("decisions:review", args=[record.pk]),
        reverse("decisions:reopen", args=[record.pk, 1]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": record.version}).status_code == 404, url


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.APPROVER, Role.BOARD_SECRETARY, Role.ORGANISATION_ADMIN]
)
def test_roles_without_edit_cannot_change_a_record(client_for, cast, record, role):
    client = client_for(cast.by_role()[role])
    response = client.post(
        reverse("decisions:step", args=[record.pk, 1]),
        step_post(record, 1, title="Hijacked", kind="policy"),
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.title != "Hijacked"
    assert client.get(reverse("decisions:new")).status_code == 403
    page = client.get(reverse("decisions:step", args=[record.pk, 1])).content.decode()
    assert "Save and continue" not in page


def test_register_is_scoped(client_for, cast, record):
    DecisionRecordFactory(organisation=cast.other, title="Other system decision")
    page = client_for(cast.viewer).get(reverse("decisions:index")).content.decode()
    assert record.title in page and "Other system decision" not in page


def test_start_a_record(client_for, cast):
    response = client_for(cast.author).post(
        reverse("decisions:new"),
        {
            "organisation": cast.organisation.pk,
            "title": "Relocate clinic",
            "kind": "service_change",
        },
    )
    record = DecisionRecord.objects.get(title="Relocate clinic")
    assert response["Location"] == reverse("decisions:step", args=[record.pk, 1])


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


def test_step_4_shows_the_ehiira_status_and_outcome(client_for, cast, record):
    assessment = AssessmentFactory(organisation=cast.organisation, title="Clinic EHIIRA")
    record.assessment = assessment
    record.save()
    complete_stage2(assessment, outcome="adjust")
    page = (
        client_for(cast.viewer).get(reverse("decisions:step", args=[record.pk, 4])).content.decode()
    )
    assert "Clinic EHIIRA" in page and "Draft" in page and "Adjust the proposal" in page
    assert "can be completed once the EHIIRA is approved" in page


def test_forged_ehiira_id_of_another_organisation_is_refused(client_for, cast, record):
    theirs = AssessmentFactory(organisation=cast.other)
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 4]),
        step_post(record, 4) | {"assessment": theirs.pk, "link": "1"},
    )
    assert "Select a valid choice" in response.content.decode()
    record.refresh_from_db()
    assert record.assessment is None


def test_link_then_complete_step_4_after_approval(client_for, cast, record):
    complete_steps(record, 1, 2, 3)
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    client = client_for(cast.author)
    client.post(
        reverse("decisions:step", args=[record.pk, 4]),
        step_post(record, 4) | {"assessment": assessment.pk, "link": "1"},
    )
    record.refresh_from_db()
    assert record.assessment == assessment
    complete = step_post(record, 4) | {"complete": "1"}
    page = client.post(reverse("decisions:step", args=[record.pk, 4]), complete).content.decode()
    assert "The linked EHIIRA must be approved before this step is complete" in page
    approved(submitted(assessment, by=cast.author), by=cast.approver)
    record.refresh_from_db()
    response = client.post(
        reverse("decisions:step", args=[record.pk, 4]), step_post(record, 4) | {"complete": "1"}
    )
    assert response.status_code == 302
    assert DecisionStep.objects.get(record=record, number=4).completed_at


def test_create_ehiira_from_step_4(client_for, cast, record):
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 4]),
        step_post(record, 4) | {"create_assessment": "1"},
    )
    record.refresh_from_db()
    assert record.assessment.title == record.title
    assert response["Location"] == reverse(
        "assessments:section", args=[record.assessment.pk, "about"]
    )


def test_proceeding_against_a_stop_needs_a_justification(client_for, cast, record):
    assessment = AssessmentFactory(organisation=cast.organisation, outcome="stop")
    record.assessment = assessment
    record.save()
    client = client_for(cast.author)
    values = STEP_VALUES[5] | {"decision": "proceed"}
    page = client.post(
        reverse("decisions:step", args=[record.pk, 5]), step_post(record, 5, **values)
    ).content.decode()
    assert "The EHIIRA said stop" in page
    assert "Justify proceeding when the EHIIRA&#x27;s outcome was to stop" in page
    record.refresh_from_db()
    assert record.decision == ""
    values["decision_justification"] = "Clinical safety requires it"
    response = client.post(
        reverse("decisions:step", args=[record.pk, 5]), step_post(record, 5, **values)
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.decision == "proceed"


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


def test_register_filters_and_overdue_page(client_for, cast):
    overdue = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="Overdue review"),
        1,
        2,
        3,
        4,
        5,
        6,
    )
    overdue.review_date = datetime.date.today() - datetime.timedelta(days=1)
    overdue.decision = "stop"
    overdue.save()
    at_step_2 = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="At step two"), 1
    )
    at_step_2.review_date = datetime.date.today() + datetime.timedelta(days=10)
    at_step_2.save()
    client = client_for(cast.viewer)

    def titles(url, **params):
        page = client.get(url, params).content.decode()
        return {t for t in ("Overdue review", "At step two") if t in page}

    index = reverse("decisions:index")
    assert titles(index) == {"Overdue review", "At step two"}
    assert titles(index, step="2") == {"At step two"}
    assert titles(index, step="complete") == {"Overdue review"}
    assert titles(index, decision="stop") == {"Overdue review"}
    assert titles(index, review="overdue") == {"Overdue review"}
    assert titles(index, review="due") == {"At step two"}
    assert titles(index, q="two") == {"At step two"}
    assert titles(reverse("decisions:overdue")) == {"Overdue review"}


def test_register_query_count_does_not_grow(client_for, cast, queries_for):
    client = client_for(cast.viewer)
    DecisionRecordFactory(organisation=cast.organisation)
    before = queries_for(client, reverse("decisions:index"))
    for _ in range(10):
        complete_steps(DecisionRecordFactory(organisation=cast.organisation), 1, 2)
    assert queries_for(client, reverse("decisions:index")) == before


def test_record_page_query_count_does_not_grow(client_for, cast, record, queries_for):
    client = client_for(cast.viewer)
    url = reverse("decisions:detail", args=[record.pk])
    before = queries_for(client, url)
    complete_steps(record, 1, 2, 3)
    for n in range(4):
        ActionFactory(organisation=cast.organisation, title=f"a{n}", source=record)
    assert queries_for(client, url) == before


def test_pdf_has_every_step_and_the_ehiira_summary(client_for, cast, record):
    assessment = AssessmentFactory(
        organisation=cast.organisation, title="Clinic EHIIRA", created_by=cast.author
    )
    approved(
        submitted(assessment, by=cast.author), by=cast.approver, comment="Rigorous and complete"
    )
    record.assessment = assessment
    record.save()
    complete_steps(record, 1, 2, 3, 4, 5, 6)
    response = client_for(cast.viewer).get(reverse("decisions:pdf", args=[record.pk]))
    text = " ".join(pdf_text(response.content).split())
    for heading in [
        "Step 1: Define the proposal",
        "Step 2: Gather evidence",
        "Step 3: Engage and involve",
        "Step 4: Assess impact",
        "Step 5: Decide with due regard",
        "Step 6: Monitor and review",
        "Summary of the linked EHIIRA",
    ]:
        assert heading in text
    assert "29% in the most deprived quintile vs 39% in the least" in text
    assert "Clinic EHIIRA" in text and "Rigorous and complete" in text
    assert "Not needed: no Stage 1 answer called for it" in text


def test_history_of_a_record(client_for, cast, record):
    client = client_for(cast.author)
    client.post(
        reverse("decisions:step", args=[record.pk, 1]),
        step_post(record, 1, title=record.title, kind="policy", aims="Fairer access"),
    )
    page = client.get(reverse("decisions:history", args=[record.pk])).content.decode()
    assert "Step 1 saved" in page and "<ins>Fairer access</ins>" in page


def test_demo_records(db):
    call_command("load_demo", stdout=io.StringIO())
    framework = DecisionRecord.objects.get(title__startswith="Leicester, Leicestershire & Rutland")
    assert framework.steps.filter(completed_at__isnull=False).count() == 6
    assert framework.assessment.status == "approved"
    libre = DecisionRecord.objects.get(title__contains="FreeStyle Libre")
    assert libre.steps.filter(completed_at__isnull=False).count() == 3
    assert "29%" in libre.uptake_data and "39%" in libre.uptake_data
    assert "14%" in libre.uptake_data and "38%" in libre.uptake_data


def test_public_register_shows_only_published_complete_decisions(client, cast):
    published = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="Published one"),
        1,
        2,
        3,
        4,
        5,
        6,
    )
    published.published = True
    published.save()
    unpublished = complete_steps(
        DecisionRecordFactory(organisation=cast.organisation, title="Kept internal"),
        1,
        2,
        3,
        4,
        5,
        6,
    )
    unfinished = DecisionRecordFactory(
        organisation=cast.organisation, title="Not finished", published=True
    )
    page = client.get(reverse("public_register")).content.decode()
    assert "Published one" in page
    assert "Kept internal" not in page and "Not finished" not in page
    detail = client.get(reverse("public_record", args=[published.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert STEP_VALUES[5]["due_regard_statement"] in page
    # Only what the public needs: no bookkeeping, no empty rows, no way in to log in.
    assert '<dt class="nhsuk-summary-list__key">Published</dt>' not in page
    assert "Not given" not in page and "/login/" not in page
    pdf = client.get(reverse("public_record_pdf", args=[published.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert STEP_VALUES[5]["due_regard_statement"] in " ".join(pdf_text(pdf.content).split())
    for hidden in (unpublished, unfinished):
        assert client.get(reverse("public_record", args=[hidden.pk])).status_code == 404
        assert client.get(reverse("public_record_pdf", args=[hidden.pk])).status_code == 404


# --- nothing typed is ever lost (issue 8, cases 2 to 4) -------------------------


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


def test_a_step_ahead_of_its_turn_is_a_labelled_draft(client_for, cast, record):
    page = (
        client_for(cast.author).get(reverse("decisions:step", args=[record.pk, 3])).content.decode()
    )
    assert "draft ahead of its turn" in page
    assert "Save and mark step 3 complete" not in page
    assert "Save draft and return to the steps" in page


def test_decision_date_before_the_ehiira_approval_is_refused(client_for, cast, record):
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    complete_steps(record, 1, 2, 3)
    record.assessment = assessment
    record.save()
    complete_steps(record, 4)
    record.refresh_from_db()
    values = STEP_VALUES[5] | {"decision_date": assessment.approved_on - datetime.timedelta(days=1)}
    response = client_for(cast.author).post(
        reverse("decisions:step", args=[record.pk, 5]),
        step_post(record, 5, **values) | {"complete": "1"},
    )
    page = response.content.decode()
    assert "due regard must be paid before the decision is taken" in page
    assert not record.steps.filter(number=5, completed_at__isnull=False).exists()


def test_the_record_page_says_when_the_decision_predates_the_ehiira(client_for, cast, record):
    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    record.assessment = assessment
    record.decision_date = assessment.approved_on - datetime.timedelta(days=30)
    record.save()
    page = client_for(cast.viewer).get(record.get_absolute_url()).content.decode()
    assert "Due regard came after the decision" in page


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
