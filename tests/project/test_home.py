"""The home page is personal: each person's own work from every tool, with empty states
that say what to do next."""

import datetime

from django.urls import reverse

from idmf.actions.models import Action
from tests.assessments.factories import AssessmentFactory, submitted
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps


def home(client_for, user):
    return client_for(user).get(reverse("home")).content.decode()


def test_returned_work_shows_the_approvers_comment(client_for, cast):
    AssessmentFactory(
        organisation=cast.organisation,
        created_by=cast.author,
        title="Clinic move",
        status="returned",
        return_comment="Add the evidence for question 11",
    )
    page = home(client_for, cast.author)
    assert "Clinic move" in page and "Add the evidence for question 11" in page
    assert "Clinic move" not in home(client_for, cast.viewer)


def test_drafts_of_both_tools_are_listed(client_for, cast):
    AssessmentFactory(organisation=cast.organisation, created_by=cast.author, title="My draft")
    DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author, title="My plan")
    finished = DecisionRecordFactory(
        organisation=cast.organisation, created_by=cast.author, title="Finished plan"
    )
    complete_steps(finished, 1, 2, 3, 4, 5, 6)
    page = home(client_for, cast.author)
    assert "My draft" in page and "My plan" in page and "step 1 of 6" in page
    assert "Finished plan" not in page.split("Your drafts")[1].split("Reviews due")[0]


def test_each_empty_state_says_what_to_do_next(client_for, cast):
    page = home(client_for, cast.author)
    assert "Nothing has been returned to you" in page
    assert 'href="/assessments/new/">Start an assessment</a>' in page
    assert "No decision reviews are due in the next 30 days" in page
    assert "None of your actions is overdue or due in the next 30 days" in page
    assert "Waiting for your approval" not in page  # authors do not approve
    assert "Nothing is waiting for your approval" in home(client_for, cast.approver)
    assert "Start an assessment" not in home(client_for, cast.viewer)


def test_waiting_for_approval_excludes_own_work_and_other_systems(client_for, cast):
    mine = AssessmentFactory(
        organisation=cast.organisation, created_by=cast.approver, title="Own work"
    )
    theirs = AssessmentFactory(
        organisation=cast.organisation, created_by=cast.author, title="Author's work"
    )
    submitted(mine, by=cast.approver)
    submitted(theirs, by=cast.author)
    AssessmentFactory(organisation=cast.other, title="Other system work", status="submitted")
    page = home(client_for, cast.approver)
    assert "Author&#39;s work" in page
    assert "Own work" not in page.split("Waiting for your approval")[1]
    assert "Other system work" not in page


def test_reviews_due_and_overdue(client_for, cast):
    today = datetime.date.today()
    DecisionRecordFactory(
        organisation=cast.organisation, title="Soon", review_date=today + datetime.timedelta(9)
    )
    DecisionRecordFactory(
        organisation=cast.organisation, title="Late", review_date=today - datetime.timedelta(9)
    )
    DecisionRecordFactory(
        organisation=cast.organisation, title="Later", review_date=today + datetime.timedelta(90)
    )
    DecisionRecordFactory(organisation=cast.other, title="Elsewhere", review_date=today)
    page = home(client_for, cast.viewer)
    assert "Soon" in page and "Late" in page and "Overdue" in page
    assert "Later" not in page and "Elsewhere" not in page


def test_your_actions_are_yours_overdue_or_due_within_30_days(client_for, cast):
    today = datetime.date.today()

    def action(title, **fields):
        fields.setdefault("created_by", cast.author)
        ActionFactory(organisation=cast.organisation, title=title, **fields)

    action("Translate it", due_date=today + datetime.timedelta(days=10))
    action("Late audit", due_date=today - datetime.timedelta(days=5))
    action("Assigned to me", created_by=cast.viewer, assignee=cast.author)
    action("Done it", status="done")
    action("Next year", due_date=today + datetime.timedelta(days=300))
    action("Not mine", created_by=cast.viewer)
    action("Given to the viewer", assignee=cast.viewer)
    page = home(client_for, cast.author)
    shown = page.split("Your actions")[1].split("Your organisations")[0]
    assert "Translate it" in shown and "Late audit" in shown and "Assigned to me" in shown
    assert shown.index("Late audit") < shown.index("Translate it")
    assert "Overdue" in shown
    for hidden in ["Done it", "Next year", "Not mine", "Given to the viewer"]:
        assert hidden not in shown, hidden


def test_home_query_count_does_not_grow_with_data(client_for, cast, queries_for):
    client = client_for(cast.approver)
    before = queries_for(client, reverse("home"))
    for _ in range(12):
        ActionFactory(organisation=cast.organisation, created_by=cast.approver)
        AssessmentFactory(organisation=cast.organisation, created_by=cast.approver)
        submitted(
            AssessmentFactory(organisation=cast.organisation, created_by=cast.author),
            by=cast.author,
        )
        DecisionRecordFactory(
            organisation=cast.organisation,
            created_by=cast.approver,
            review_date=datetime.date.today(),
        )
    assert Action.objects.count() == 12
    assert queries_for(client, reverse("home")) == before


def test_work_in_an_organisation_you_have_left_is_not_listed(client_for, cast):
    from idmf.core.models import Membership

    AssessmentFactory(organisation=cast.organisation, created_by=cast.author, title="Old draft")
    ActionFactory(organisation=cast.organisation, created_by=cast.author, title="Old action")
    Membership.objects.filter(user=cast.author).delete()
    page = home(client_for, cast.author)
    assert "Old draft" not in page and "Old action" not in page


def test_eds_reports_in_drafts_and_waiting_for_authorisation(client_for, cast):
    from eds import lifecycle
    from tests.eds.factories import EdsReportFactory, fully_graded

    draft = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    waiting = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(waiting, by=cast.author)
    lifecycle.submit_report(report=waiting, by=cast.author)
    drafts = home(client_for, cast.author).split("Your drafts")[1].split("<h2")[0]
    assert f"EDS report {draft.year}" in drafts and f"EDS report {waiting.year}" not in drafts
    approvals = home(client_for, cast.approver).split("Waiting for your approval")[1]
    assert f"EDS report {waiting.year}</a> – Our ICB, submitted" in approvals
