"""The action tracker: every action raised anywhere, with its source record, scoped to the
user's organisations; "my actions" by default; owners update status and add notes."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from boardtool.models import Cell
from eds.models import EdsOutcome, Objective
from idmf.actions import services as action_services
from idmf.actions.models import Action, ActionNote
from idmf.core.services import Refused
from tests.assessments.factories import AssessmentFactory
from tests.boardtool.factories import ReviewFactory, prompt
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory
from tests.eds.factories import EdsReportFactory


def titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def update(client, action, *, follow=False, **data):
    """Press the action page's update button, on a page opened while the action was open."""
    url = reverse("action_detail", args=[action.pk])
    return client.post(url, {"opened": "open", **data}, follow=follow)


def one_of_each_source(cast, *, suffix="", by=None):
    """An action raised by each tool's record (an EDS report's through its objective, a
    review's through its cell), all in our organisation."""
    by = by or cast.author
    organisation = cast.organisation
    assessment = AssessmentFactory(organisation=organisation, title=f"Parking policy{suffix}")
    decision = DecisionRecordFactory(organisation=organisation, title=f"Clinic move{suffix}")
    report = EdsReportFactory(organisation=organisation, created_by=by)
    objective = Objective.objects.create(
        report=report, outcome=EdsOutcome.objects.get(code="2A"), text="Fair access"
    )
    review = ReviewFactory(organisation=organisation, created_by=by)
    cell = Cell.objects.create(review=review, prompt=prompt("K1P1"))
    sources = {
        "assessment": assessment,
        "decision": decision,
        "eds": objective,
        "board": cell,
    }
    for name, source in sources.items():
        ActionFactory(
            organisation=organisation,
            title=f"{name} action{suffix}",
            source=source,
            created_by=by,
        )
    return {"assessment": assessment, "decision": decision, "eds": report, "board": review}


def test_my_actions_by_default_and_everyones_on_request(client_for, cast):
    ActionFactory(organisation=cast.organisation, title="Assigned to me", assignee=cast.viewer)
    ActionFactory(organisation=cast.organisation, title="Raised by me", created_by=cast.viewer)
    ActionFactory(
        organisation=cast.organisation,
        title="Raised by me for the author",
        created_by=cast.viewer,
        assignee=cast.author,
    )
    ActionFactory(organisation=cast.organisation, title="Someone else's")
    ActionFactory(organisation=cast.other, title="Hidden audit", assignee=cast.viewer)
    client = client_for(cast.viewer)

    mine = titles(client.get(reverse("action_list")))
    assert "Assigned to me" in mine and "Raised by me<" in mine
    assert "Raised by me for the author" not in mine and "Someone else" not in mine
    assert "2 actions" in mine

    everyone = titles(client.get(reverse("action_list"), {"whose": "all"}))
    assert "4 actions" in everyone and "Someone else" in everyone
    assert "Hidden audit" not in everyone


def test_each_action_links_the_record_that_raised_it(client_for, cast):
    records = one_of_each_source(cast)
    page = titles(client_for(cast.author).get(reverse("action_list")))
    assert "4 actions" in page
    for noun, key in [
        ("EHIIRA", "assessment"),
        ("Decision record", "decision"),
        ("EDS report", "eds"),
        ("Board assurance review", "board"),
    ]:
        assert f'href="{records[key].get_absolute_url()}">{noun}: ' in page, noun


def test_filters_by_tool_owner_status_and_due_date(client_for, cast):
    one_of_each_source(cast)
    ActionFactory(
        organisation=cast.organisation,
        title="Late leaflet",
        owner="Comms lead",
        due_date=timezone.localdate() - datetime.timedelta(days=2),
        created_by=cast.author,
    )
    ActionFactory(
        organisation=cast.organisation,
        title="Far-off survey",
        due_date=timezone.localdate() + datetime.timedelta(days=90),
        created_by=cast.author,
    )
    ActionFactory(
        organisation=cast.organisation, title="Finished", status="done", created_by=cast.author
    )
    client = client_for(cast.author)

    def shown(**filters):
        page = titles(client.get(reverse("action_list"), filters))
        return {a.title for a in Action.objects.all() if f">{a.title}</a>" in page}

    assert shown(tool="eds.edsreport") == {"eds action"}
    assert shown(tool="boardtool.review") == {"board action"}
    assert shown(tool="assessments.assessment") == {"assessment action"}
    assert shown(owner="comms") == {"Late leaflet"}
    assert shown(due="overdue") == {"Late leaflet"}
    assert "Far-off survey" not in shown(due="soon") and "Late leaflet" not in shown(due="soon")
    assert "board action" in shown(due="soon")  # the factory's due date: 30 days from today
    assert shown(status="done") == {"Finished"}
    assert "Finished" not in shown()


def test_another_organisations_filter_is_an_error_not_a_leak(client_for, cast):
    ActionFactory(organisation=cast.other, title="Hidden audit")
    response = client_for(cast.viewer).get(
        reverse("action_list"), {"organisation": cast.other.pk, "whose": "all"}
    )
    page = titles(response)
    assert "Hidden audit" not in page and "<title>Error: " in page


def test_the_list_paginates(client_for, cast):
    for n in range(30):
        ActionFactory(organisation=cast.organisation, title=f"Numbered action {n:02d}")
    client = client_for(cast.viewer)
    first = titles(client.get(reverse("action_list"), {"whose": "all"}))
    assert "30 actions" in first and "Page 2 of 2" in first
    second = titles(client.get(reverse("action_list"), {"whose": "all", "page": 2}))
    assert second.count("Numbered action") == 5


def test_the_tracker_makes_as_many_queries_for_many_actions_as_for_few(
    client_for, cast, queries_for
):
    one_of_each_source(cast)
    client = client_for(cast.author)
    url = reverse("action_list") + "?whose=all"
    few = queries_for(client, url)
    for n in range(4):
        one_of_each_source(cast, suffix=f" {n}")
    assert queries_for(client, url) == few


def test_csv_holds_every_filtered_row_with_formulas_neutralised(client_for, cast):
    records = one_of_each_source(cast)
    ActionFactory(
        organisation=cast.organisation,
        title='=HYPERLINK("http://evil")',
        owner="@owner",
        created_by=cast.author,
    )
    for n in range(30):  # more than a page: the CSV holds them all
        ActionFactory(organisation=cast.organisation, title=f"Row {n}", created_by=cast.author)
    ActionFactory(organisation=cast.other, title="Hidden audit")
    response = client_for(cast.author).get(reverse("action_list"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 35
    by_title = {row["Action"]: row for row in rows}
    assert "Hidden audit" not in by_title
    evil = by_title['\'=HYPERLINK("http://evil")']
    assert evil["Owner"] == "'@owner" and evil["Raised by"] == "Added directly"
    eds = by_title["eds action"]
    assert eds["Raised by"].startswith("EDS report: ")
    assert eds["Record link"] == "http://testserver" + records["eds"].get_absolute_url()

    overdue = client_for(cast.author).get(
        reverse("action_list"), {"format": "csv", "due": "overdue"}
    )
    assert list(csv.DictReader(io.StringIO(b"".join(overdue.streaming_content).decode()))) == []


def test_the_owner_marks_it_done_with_a_dated_note_and_history(client_for, cast):
    action = ActionFactory(organisation=cast.organisation, assignee=cast.viewer)
    client = client_for(cast.viewer)  # a viewer, but the action's owner
    response = update(
        client, action, status="done", note="Leaflet translated into Gujarati", follow=True
    )
    page = titles(response)
    assert "Action done" in page and "Leaflet translated into Gujarati" in page
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    note = ActionNote.objects.get(action=action)
    assert note.created_by == cast.viewer and note.status == "done"
    latest = action.history.first()
    assert latest.history_user == cast.viewer
    assert latest.history_change_reason == "Status set to done: Leaflet translated into Gujarati"
    history = titles(client.get(reverse("action_history", args=[action.pk])))
    assert "<del>Open</del>" in history and "<ins>Done</ins>" in history


def test_a_progress_note_alone_keeps_the_status(client_for, cast):
    action = ActionFactory(organisation=cast.organisation)
    update(client_for(cast.author), action, status="open", note="Met the comms team")
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
    assert list(action.notes.values_list("text", "status")) == [("Met the comms team", "")]


def test_dropping_needs_a_reason_and_nothing_typed_is_lost(client_for, cast):
    action = ActionFactory(organisation=cast.organisation)
    page = titles(update(client_for(cast.author), action, status="dropped", note="   "))
    assert "<title>Error: " in page and "Error: Error:" not in page
    assert "Say why the action is being dropped" in page
    assert 'value="dropped" checked' in page or 'value="dropped" selected' in page
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN and not action.notes.exists()


@pytest.mark.parametrize(
    "who,status",
    [("viewer", 403), ("approver", 403), ("board_secretary", 403), ("outsider", 404)],
)
def test_only_its_owner_and_authors_update_an_action(client_for, cast, who, status):
    action = ActionFactory(organisation=cast.organisation, assignee=cast.author)
    response = update(client_for(getattr(cast, who)), action, status="done", note="x")
    assert response.status_code == status
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_a_bad_status_shows_the_error_summary(client_for, cast):
    action = ActionFactory(organisation=cast.organisation)
    page = titles(update(client_for(cast.author), action, status="finished-ish"))
    assert "<title>Error: " in page and 'href="#id_status"' in page
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_an_owner_account_must_belong_to_the_organisation(cast):
    with pytest.raises(Refused, match="not a member"):
        action_services.create_action(
            organisation=cast.organisation,
            title="Audit",
            owner="Outsider",
            assignee=cast.outsider,
            due_date=timezone.localdate(),
            by=cast.author,
        )
    # A system-level member belongs to every organisation of the system.
    action = action_services.create_action(
        organisation=cast.organisation,
        title="Audit",
        owner="",
        assignee=cast.system_member,
        due_date=timezone.localdate(),
        by=cast.author,
    )
    assert action.assignee == cast.system_member


def test_the_action_form_offers_only_members_and_names_the_owner_from_the_account(cast):
    from idmf.actions.forms import ActionForm

    data = {
        "title": "Audit",
        "owner": "",
        "assignee": str(cast.outsider.pk),
        "due_date_0": "1",
        "due_date_1": "2",
        "due_date_2": "2030",
    }
    form = ActionForm(data, organisation=cast.organisation)
    assert not form.is_valid() and "assignee" in form.errors
    form = ActionForm({**data, "assignee": str(cast.viewer.pk)}, organisation=cast.organisation)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["owner"] == (cast.viewer.get_full_name() or cast.viewer.username)
    form = ActionForm({**data, "assignee": ""}, organisation=cast.organisation)
    assert not form.is_valid()
    assert form.errors["owner"] == ["Enter the owner, or choose their account"]


def test_a_colleagues_change_meanwhile_is_not_undone(client_for, cast):
    action = ActionFactory(organisation=cast.organisation)
    action_services.update_action(action=action, status="done", opened="open", by=cast.approver)
    # The author's page was opened while it was open: they only meant to add a note.
    page = titles(
        update(client_for(cast.author), action, status="open", note="Chased the printers")
    )
    assert "<title>Error: " in page and "Someone marked this action done" in page
    assert "Chased the printers" in page and 'name="opened" value="done"' in page
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and not action.notes.exists()
