import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Stage1Answer, Stage1Question, Stage2Group
from assessments.report import build_report
from idmf.actions.models import Action
from idmf.core.dates import nhs_datetime
from idmf.core.models import Role
from tests.assessments.factories import (
    AssessmentFactory,
    approved,
    complete_stage1,
    complete_stage2,
    submitted,
)
from tests.core.factories import ActionFactory
from tests.forms import date_post
from tests.pdf_text import pdf_pages, pdf_text

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


# --- who may see and do what -------------------------------------------------


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


# --- the flow ----------------------------------------------------------------


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


def test_section_four_goes_to_check_unless_stage2_is_needed(client_for, cast, draft):
    client = client_for(cast.author)
    url = reverse("assessments:section", args=[draft.pk, "section-4"])
    response = client.post(
        url, {"version": draft.version, "q28-rationale": "None", "continue": "1"}
    )
    assert response["Location"] == reverse("assessments:check", args=[draft.pk])
    Stage1Answer.objects.create(assessment=draft, question_id=7, answer="yes", rationale="r")
    draft.refresh_from_db()
    response = client.post(
        url, {"version": draft.version, "q28-rationale": "None", "continue": "1"}
    )
    assert response["Location"] == reverse("assessments:section", args=[draft.pk, "protected"])


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


def test_submit_refused_names_every_missing_answer(client_for, cast, draft):
    response = client_for(cast.author).post(reverse("assessments:check", args=[draft.pk]))
    page = response.content.decode()
    assert "<title>Error: Check your answers" in page
    assert "There is a problem" in page
    for number in range(1, 28):
        assert f"Answer question {number}<" in page
        assert f"Give a rationale for question {number}<" in page
    section_1 = reverse("assessments:section", args=[draft.pk, "section-1"])
    assert f'href="{section_1}#id_q1-answer_0"' in page
    assert f'href="{section_1}#id_q1-rationale"' in page
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_submit_and_approve_through_the_pages(client_for, cast, draft):
    complete_stage1(draft)
    response = client_for(cast.author).post(
        reverse("assessments:check", args=[draft.pk]), follow=True
    )
    assert "Assessment submitted for approval" in response.content.decode()
    client = client_for(cast.approver)
    page = client.get(reverse("assessments:approve", args=[draft.pk])).content.decode()
    assert "Approving makes this assessment read-only" in page
    response = client.post(
        reverse("assessments:approve", args=[draft.pk]),
        {"comment": "Rigorous assessment", "approver_role": "E&I Business Partner"},
        follow=True,
    )
    page = response.content.decode()
    assert "Assessment approved" in page
    assert "Rigorous assessment" in page
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.APPROVED
    # The signed-in approver and the real time, neither typed.
    assert draft.approved_by == cast.approver
    assert draft.approver_name == cast.approver.get_full_name()
    assert (timezone.now() - draft.approved_at).total_seconds() < 60
    assert nhs_datetime(draft.approved_at) in page


def test_approve_from_the_end_of_the_assessment_carries_the_comment(client_for, cast, draft):
    submitted(draft, by=cast.author)
    client = client_for(cast.approver)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="review"' in page and "Continue to approve" in page
    response = client.post(
        reverse("assessments:approve", args=[draft.pk]),
        {"comment": "Typed at the end", "from_review": "1"},
    )
    page = response.content.decode()
    assert "Approving makes this assessment read-only" in page
    assert "Typed at the end</textarea>" in page
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


def test_the_stage2_tick_is_offered_only_when_stage2_is_not_already_required(
    client_for, cast, draft
):
    submitted(draft, by=cast.author)
    client = client_for(cast.approver)
    assert "Stage 2 must be completed" in client.get(draft.get_absolute_url()).content.decode()
    flagged = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    complete_stage1(flagged, flag=4)
    flagged.stage2_requested = True
    flagged.status = Assessment.Status.SUBMITTED
    flagged.save()
    page = client.get(flagged.get_absolute_url()).content.decode()
    assert "Stage 2 must be completed" not in page


def test_the_approver_sees_what_changed_since_they_returned_it(client_for, cast, draft):
    submitted(draft, by=cast.author)
    services.return_assessment(
        assessment=draft, comment="Say more", require_stage2=False, by=cast.approver
    )
    draft.refresh_from_db()
    services.save_stage1_answers(
        assessment=draft,
        expected_version=draft.version,
        values={1: {"answer": "yes", "rationale": "More evidence now"}},
        by=cast.author,
    )
    draft.refresh_from_db()
    services.submit_assessment(assessment=draft, by=cast.author)
    page = client_for(cast.approver).get(draft.get_absolute_url()).content.decode()
    assert "What changed since you returned it" in page
    assert "Question 1" in page and "More evidence now" in page
    assert "Rationale for question 1." in page  # what it said when returned


def test_return_with_comments(client_for, cast, draft):
    submitted(draft, by=cast.author)
    client_for(cast.approver).post(
        reverse("assessments:return", args=[draft.pk]),
        {"comment": "Add the evidence for question 11", "require_stage2": "on"},
    )
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.RETURNED and draft.stage2_requested
    page = (
        client_for(cast.author).get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    )
    assert "Returned with comments" in page and "Add the evidence for question 11" in page
    assert "Stage 2: protected characteristics" in page


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


def test_start_a_new_version(client_for, cast, draft):
    approved(submitted(draft, by=cast.author), by=cast.approver)
    response = client_for(cast.author).post(
        reverse("assessments:new_version", args=[draft.pk]), follow=True
    )
    new = Assessment.objects.get(previous_version=draft)
    assert new.status == Assessment.Status.DRAFT and new.created_by == cast.author
    assert "Version 2 started as a draft" in response.content.decode()
    page = (
        client_for(cast.viewer).get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    )
    assert "A newer version exists" in page


def test_html_is_text_in_page_and_pdf(client_for, cast, draft):
    draft.title = '<script>alert("x")</script> Plan'
    draft.overview = '<img src="http://example.com/x.png"> overview'
    draft.save()
    client = client_for(cast.viewer)
    page = client.get(reverse("assessments:detail", args=[draft.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Plan" in page
    text = pdf_text(client.get(reverse("assessments:pdf", args=[draft.pk])).content)
    assert '<img src="http://example.com/x.png"> overview' in text


def test_history_shows_answers_changed(client_for, cast, draft):
    client = client_for(cast.author)
    client.post(
        reverse("assessments:section", args=[draft.pk, "section-1"]),
        {"version": draft.version, "q1-answer": "yes", "q1-rationale": "First", "continue": "1"},
    )
    draft.refresh_from_db()
    client.post(
        reverse("assessments:section", args=[draft.pk, "section-1"]),
        {"version": draft.version, "q1-answer": "no", "q1-rationale": "Second", "continue": "1"},
    )
    page = client.get(reverse("assessments:history", args=[draft.pk])).content.decode()
    assert "<del>First</del> → <ins>Second</ins>" in page
    assert "<del>Yes</del> → <ins>No</ins>" in page
    assert "Stage 1 answers saved" in page
    assert cast.author.get_full_name() in page


# --- list ----------------------------------------------------------------------


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


# --- PDF -------------------------------------------------------------------------


def test_pdf_reads_like_the_form(client_for, cast, draft):
    complete_stage1(draft, flag=10)
    complete_stage2(draft, impact="negative")
    approved(submit_with_action(draft, cast), by=cast.approver)
    response = client_for(cast.viewer).get(reverse("assessments:pdf", args=[draft.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert response["Content-Disposition"].startswith('attachment; filename="ehiira-')
    for question in Stage1Question.objects.all():
        assert " ".join(question.text.split()) in text, question.number
    for heading in [
        "Section one: equality impact",
        "Section three: human rights impact",
        "Stage 2",
    ]:
        assert heading in text
    assert "The policy has been quality assured" in text
    approver = Assessment.objects.get(pk=draft.pk)
    assert (
        f"{approver.approver_name} E&I Business Partner {nhs_datetime(approver.approved_at)}"
        in text
    )
    assert "Yes / No Rationale" in text
    assert "Rationale for question 10." in text
    assert "Sexual orientation" in text
    pages = pdf_pages(response.content)
    assert len(pages) > 2
    # The running header names the organisation and the record on every page.
    for page in pages[1:]:
        assert cast.organisation.name in page and draft.title in page
        assert f"of {len(pages)}" in page


def submit_with_action(assessment, cast):
    ActionFactory(
        organisation=cast.organisation,
        title="Monitor uptake by deprivation quintile",
        source=assessment,
    )
    services.submit_assessment(assessment=assessment, by=cast.author)
    assessment.refresh_from_db()
    return assessment


# --- demo ---------------------------------------------------------------------------


def test_demo_assessment_is_the_llr_framework(client_for, db):
    call_command("load_demo", stdout=io.StringIO())
    assessment = Assessment.objects.get()
    assert (
        assessment.title
        == "Leicester, Leicestershire & Rutland (LLR) Health Inequalities Framework 2021 - 2024"
    )
    assert assessment.status == Assessment.Status.APPROVED
    assert assessment.approved_on == datetime.date(2021, 5, 28)
    assert assessment.answers.count() == 28
    assert assessment.answers.get(question_id=4).answer == "no"
    assert assessment.answers.get(question_id=7).rationale == ""
    assert list(assessment.people.values_list("name", flat=True)) == ["Steve McCue", "Mark Pierce"]


def test_check_your_answers_links_every_remaining_problem(client_for, cast, draft):
    page = (
        client_for(cast.author).get(reverse("assessments:check", args=[draft.pk])).content.decode()
    )
    report_problems = build_report(draft).problems
    assert f"{len(report_problems)} things to do before you can submit" in page
    section_1 = reverse("assessments:section", args=[draft.pk, "section-1"])
    assert f'<a href="{section_1}#id_q1-answer_0">Answer question 1</a>' in page
    people = reverse("assessments:section", args=[draft.pk, "people"])
    assert f'<a href="{people}#id_people-0-name">Add at least one person responsible</a>' in page


def test_the_task_list_says_why_stage_2_is_needed(client_for, cast, draft):
    complete_stage1(draft, flag=4)
    page = client_for(cast.author).get(draft.get_absolute_url()).content.decode()
    section_1 = reverse("assessments:section", args=[draft.pk, "section-1"])
    assert "Stage 2 is needed because:" in page
    assert (
        f'It may reduce the availability of a service (<a href="{section_1}#question-4">'
        "your answer to question 4</a>)" in page
    )


def test_no_differential_impact_for_many_groups_at_once(client_for, cast, draft):
    complete_stage1(draft, flag=4)
    draft.refresh_from_db()
    groups = list(Stage2Group.objects.filter(kind="protected"))
    url = reverse("assessments:section", args=[draft.pk, "protected"])
    client = client_for(cast.author)
    page = client.post(
        url,
        {"version": draft.version, "no_difference": [g.pk for g in groups], "continue": "1"},
    ).content.decode()
    assert "Say why no differential impact was identified" in page
    assert not draft.impacts.exists()
    page = client.post(
        url,
        {
            "version": draft.version,
            "no_difference": [g.pk for g in groups],
            "no_difference_reason": "Local data shows the same uptake for every group",
            f"g{groups[0].pk}-evidence": "Its own evidence",
            "continue": "1",
        },
    ).content.decode()
    # A ticked group with evidence of its own is two answers: shown back, not half-kept.
    assert "clear its evidence here" in page and "Its own evidence" in page
    assert not draft.impacts.exists()
    client.post(
        url,
        {
            "version": draft.version,
            "no_difference": [g.pk for g in groups],
            "no_difference_reason": "Local data shows the same uptake for every group",
            "continue": "1",
        },
    )
    impacts = {i.group_id: i for i in draft.impacts.all()}
    assert {i.impact for i in impacts.values()} == {"none"} and len(impacts) == len(groups)
    assert impacts[groups[1].pk].evidence == "Local data shows the same uptake for every group"
    problems = {p.field for p in build_report(draft).problems}
    assert not any(f"g{g.pk}-" in field for g in groups for field in problems)


def test_no_differential_impact_can_be_changed_after_saving(client_for, cast, draft):
    complete_stage1(draft, flag=4)
    groups = list(Stage2Group.objects.filter(kind="protected"))
    url = reverse("assessments:section", args=[draft.pk, "protected"])
    client = client_for(cast.author)

    def post(reason, ticked, extra=None):
        draft.refresh_from_db()
        # As a browser sends it: every evidence box as the page showed it.
        page = client.get(url).content.decode()
        data = {"version": draft.version, "no_difference": ticked, "continue": "1"}
        data["no_difference_reason"] = reason
        for group in groups:
            shown = page.split(f'name="g{group.pk}-evidence"')[1].split(">", 1)[1]
            data[f"g{group.pk}-evidence"] = shown.split("</textarea>")[0].strip()
            if f'name="g{group.pk}-impact" type="radio" value="none" checked' in page:
                data[f"g{group.pk}-impact"] = "none"  # the radio as the page showed it
        return client.post(url, data | (extra or {}))

    post("First reason", [g.pk for g in groups])
    post("A better reason", [g.pk for g in groups])
    impacts = {i.group_id: i for i in draft.impacts.all()}
    assert {i.evidence for i in impacts.values()} == {"A better reason"}
    post("A better reason", [g.pk for g in groups[1:]])
    untick = draft.impacts.get(group=groups[0])
    assert (untick.impact, untick.evidence) == ("", "")
    assert draft.impacts.get(group=groups[1]).impact == "none"


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
