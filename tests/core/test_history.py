from idmf.core.history import history_entries
from tests.core.factories import OrganisationFactory, ServiceFactory, UserFactory


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
