import pytest

from idmf.core.history import history_entries
from tests.core.factories import (
    ActionFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
)

# Reads the reference data the migrations load, which a transactional test run before it on
# the same worker may have flushed away.
pytestmark = pytest.mark.usefixtures("reference_data")


def test_history_lists_creation_then_field_changes_newest_first(db):
    editor = UserFactory(first_name="Ada", last_name="Lovelace")
    organisation = OrganisationFactory(name="Before")
    organisation._history_user = editor
    organisation._change_reason = "Corrected the name"
    organisation.name = "After"
    organisation.kind = "icb"
    organisation.save()

    entries = history_entries(organisation.history.all())
    assert [e.kind for e in entries] == ["Changed", "Created"]
    change = entries[0]
    assert change.who == "Ada Lovelace"
    assert change.reason == "Corrected the name"
    fields = {c.field: (c.before, c.after) for c in change.changes}
    assert fields == {"Name": ("Before", "After"), "Kind": ("NHS trust", "Integrated care board")}


def test_history_merges_parts_of_a_record(db):
    organisation = OrganisationFactory()
    service = ServiceFactory(organisation=organisation, name="Maternity")
    service.delete()
    entries = history_entries(organisation.history.all(), service.history.model.objects.all())
    kinds = [(e.kind, e.subject) for e in entries]
    assert ("Deleted", "Maternity") in kinds
    assert ("Created", "Maternity") in kinds
    assert ("Created", organisation.name) in kinds


def test_saves_that_change_nothing_are_left_out(db):
    organisation = OrganisationFactory()
    organisation.save()
    assert len(history_entries(organisation.history.all())) == 1


def test_many_to_many_changes_are_recorded_by_name(db):
    from assessments import services
    from tests.assessments.factories import AssessmentFactory

    author = UserFactory()
    assessment = AssessmentFactory(created_by=author)
    clinic = ServiceFactory(organisation=assessment.organisation, name="Diabetes clinic")
    services.save_about(
        assessment=assessment,
        expected_version=assessment.version,
        title=assessment.title,
        service_area="",
        overview="",
        services=[clinic],
        by=author,
    )
    changes = [c for e in history_entries(assessment.history.all()) for c in e.changes]
    assert ("Services", "", "Diabetes clinic") in [(c.field, c.before, c.after) for c in changes]


def test_one_save_of_a_record_and_its_parts_is_one_entry(db):
    from assessments import services
    from tests.assessments.factories import AssessmentFactory

    author = UserFactory()
    assessment = AssessmentFactory(created_by=author)
    services.save_stage1_answers(
        assessment=assessment,
        expected_version=assessment.version,
        values={1: {"answer": "yes", "rationale": "Affects patients"}},
        by=author,
    )
    parts = [assessment.history.all(), assessment.answers.model.history.all()]
    saved = [e for e in history_entries(*parts) if e.reason == "Stage 1 answers saved"]
    assert len(saved) == 1
    assert {c.field for c in saved[0].changes} >= {"Answer", "Rationale"}
    assert saved[0].kind == "Created"  # the answer row was new


def test_history_times_are_written_as_people_write_them():
    import datetime

    from idmf.core.dates import nhs_datetime

    moment = datetime.datetime(2026, 11, 25, 13, 55, tzinfo=datetime.UTC)
    assert nhs_datetime(moment) == "25 November 2026, 13:55"  # GMT in November
    summer = datetime.datetime(2026, 6, 1, 12, 5, tzinfo=datetime.UTC)
    assert nhs_datetime(summer) == "1 June 2026, 13:05"  # BST


def test_the_history_page_is_paginated(client_for, cast):
    from django.urls import reverse

    organisation = cast.organisation
    for n in range(30):
        organisation.short_name = f"N{n}"
        organisation._change_reason = f"Rename {n}"
        organisation.save()
    client = client_for(cast.viewer)
    url = reverse("organisation_history", args=[organisation.pk])
    first = client.get(url).content.decode()
    assert "Rename 29" in first and "Rename 5<" in first and "Rename 4<" not in first
    assert "Page 2 of 2" in first
    assert "Rename 0<" in client.get(url, {"page": 2}).content.decode()


def test_history_shows_every_value_as_a_page_does(cast):
    """Dates in words, people by name, linked records by title: no stored values, internal
    ids or content types."""
    import datetime

    from django.utils import timezone

    from idmf.actions.models import Action
    from idmf.core.dates import nhs_date, nhs_datetime
    from tests.assessments.factories import AssessmentFactory

    raised_by = AssessmentFactory(organisation=cast.organisation, title="Parking policy")
    action = ActionFactory(
        organisation=cast.organisation,
        source=raised_by,
        due_date=datetime.date(2027, 3, 28),
        created_at=timezone.now(),
    )
    (created,) = history_entries(Action.history.filter(id=action.pk))
    shown = {c.field: c.after for c in created.changes}
    assert shown["Raised by"] == "Parking policy"
    assert shown["Due date"] == nhs_date(action.due_date) == "28 March 2027"
    assert shown["Created at"] == nhs_datetime(action.created_at)
    assert "Source id" not in shown and "Source type" not in shown
    assert not any(str(action.pk) == value for value in shown.values())


def test_each_history_read_uses_one_manager_class_and_reads_its_own_records(cast):
    """simple-history built a new manager class at every read of `history` (0.2–0.4 ms, at
    every save): built once now, each manager still for its own record, or for all."""
    from idmf.core.models import Organisation

    ours, sibling = cast.organisation, cast.sibling
    assert type(ours.history) is type(sibling.history) is type(Organisation.history)
    assert set(ours.history.values_list("id", flat=True)) == {ours.pk}
    assert set(sibling.history.values_list("id", flat=True)) == {sibling.pk}
    assert {ours.pk, sibling.pk} <= set(Organisation.history.values_list("id", flat=True))
