import datetime

import pytest

from assessments import services
from assessments.models import Assessment, Stage1Answer
from idmf.core.services import AlreadyDone, StaleEdit
from tests.assessments.factories import (
    AssessmentFactory,
    approved,
    complete_stage1,
    complete_stage2,
    submitted,
)


def test_create_records_the_author_in_history(cast):
    assessment = services.create_assessment(
        organisation=cast.organisation, title="Maternity redesign", by=cast.author
    )
    record = assessment.history.get()
    assert record.history_user == cast.author
    assert record.history_change_reason == "Assessment started"


def test_saving_answers_keeps_blanks_and_records_each_change(draft, cast):
    services.save_stage1_answers(
        assessment=draft,
        expected_version=draft.version,
        values={
            1: {"answer": "yes", "rationale": "Affects patients"},
            2: {"answer": "", "rationale": ""},
        },
        by=cast.author,
    )
    answer = Stage1Answer.objects.get(assessment=draft, question_id=1)
    assert (answer.answer, answer.rationale) == ("yes", "Affects patients")
    assert not Stage1Answer.objects.filter(assessment=draft, question_id=2).exists()
    assert answer.history.get().history_user == cast.author


def test_a_stale_save_is_refused_and_changes_nothing(draft, cast):
    opened = draft.version

    def save_title(title):
        services.save_about(
            assessment=draft,
            expected_version=opened,
            title=title,
            service_area="",
            overview="",
            services=[],
            by=cast.author,
        )

    save_title("First editor's title")
    with pytest.raises(StaleEdit, match="Someone else saved this assessment"):
        save_title("Second editor's title")
    draft.refresh_from_db()
    assert draft.title == "First editor's title"


def test_submit_is_refused_with_every_problem(draft, cast):
    with pytest.raises(services.SubmissionRefused) as refused:
        services.submit_assessment(assessment=draft, by=cast.author)
    messages = [p.message for p in refused.value.problems]
    assert "Add at least one person responsible" in messages
    for number in range(1, 28):
        assert f"Answer question {number}" in messages
        assert f"Give a rationale for question {number}" in messages
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_submit_then_approve(draft, cast):
    submitted(draft, by=cast.author)
    assert draft.status == Assessment.Status.SUBMITTED and draft.submitted_at
    approved(draft, by=cast.approver)
    assert draft.status == Assessment.Status.APPROVED
    assert draft.approved_by == cast.approver
    assert draft.history.first().history_change_reason == "Approved"


def test_a_flagging_answer_requires_stage2_before_submission(draft, cast):
    complete_stage1(draft, flag=7)
    with pytest.raises(services.SubmissionRefused) as refused:
        services.submit_assessment(assessment=draft, by=cast.author)
    assert "Choose the impact on Age" in [p.message for p in refused.value.problems]
    complete_stage2(draft)
    services.submit_assessment(assessment=draft, by=cast.author)


def test_author_cannot_approve_their_own_assessment(cast):
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.approver)
    submitted(assessment, by=cast.approver)
    with pytest.raises(services.AssessmentError, match="you wrote or changed"):
        approved(assessment, by=cast.approver)


def test_only_a_submitted_assessment_can_be_approved(draft, cast):
    with pytest.raises(services.AssessmentError, match="not waiting for approval"):
        approved(draft, by=cast.approver)


def test_return_with_stage2_request_makes_stage2_required(draft, cast):
    submitted(draft, by=cast.author)
    services.return_assessment(
        assessment=draft, comment="Please do Stage 2", require_stage2=True, by=cast.approver
    )
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.RETURNED
    assert draft.stage2_requested
    with pytest.raises(services.SubmissionRefused):
        services.submit_assessment(assessment=draft, by=cast.author)
    complete_stage2(draft)
    services.submit_assessment(assessment=draft, by=cast.author)


def test_an_approved_assessment_is_read_only(draft, cast):
    approved(submitted(draft, by=cast.author), by=cast.approver)
    draft.refresh_from_db()
    with pytest.raises(services.AssessmentError, match="cannot be changed"):
        services.save_stage1_answers(
            assessment=draft,
            expected_version=draft.version,
            values={1: {"answer": "no", "rationale": "x"}},
            by=cast.author,
        )
    with pytest.raises(services.AssessmentError, match="cannot be changed"):
        services.add_assessment_action(
            assessment=draft, title="x", owner="y", due_date=datetime.date.today(), by=cast.author
        )
    assert Stage1Answer.objects.get(assessment=draft, question_id=1).rationale != "x"


def test_new_version_copies_everything_and_links_back(draft, cast):
    complete_stage2(draft)
    approved(submitted(draft, by=cast.author), by=cast.approver)
    new = services.start_new_version(assessment=draft, by=cast.author)
    assert new.status == Assessment.Status.DRAFT
    assert new.previous_version == draft and draft.next_version == new
    assert new.version_number == 2
    assert new.answers.count() == draft.answers.count() == 28
    assert new.impacts.count() == draft.impacts.count()
    assert list(new.people.values_list("name", flat=True)) == list(
        draft.people.values_list("name", flat=True)
    )
    assert new.approver_comment == "" and new.approved_on is None
    with pytest.raises(AlreadyDone, match="newer version"):
        services.start_new_version(assessment=draft, by=cast.author)


def test_new_version_only_from_an_approved_assessment(draft, cast):
    with pytest.raises(services.AssessmentError, match="Only an approved"):
        services.start_new_version(assessment=draft, by=cast.author)
