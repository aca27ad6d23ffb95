"""The history of final records, chained by hash: a draft's history is not sealed; a record's
whole history is sealed as it becomes final, and each later row; a row changed, deleted or
added in the database behind the application's back is reported by `manage.py
verify_history`, which then exits with status 1."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from assessments.models import Assessment
from idmf.integrity import chain
from idmf.integrity.models import HistorySeal
from idmf.publishing import services as publishing
from tests.assessments.factories import AssessmentFactory, approved_assessment, submitted
from tests.eds.factories import EdsReportFactory, authorised, fully_graded

pytestmark = pytest.mark.django_db

HISTORY = Assessment.history.model


def approved_ehiira(cast, title="Parking policy"):
    return approved_assessment(
        cast.organisation, author=cast.author, approver=cast.approver, title=title
    )


def history_ids(record) -> list[int]:
    return list(record.history.order_by("history_id").values_list("history_id", flat=True))


def verify_history() -> tuple[str, int]:
    """What `manage.py verify_history` prints, and its exit status."""
    out = io.StringIO()
    try:
        call_command("verify_history", stdout=out)
    except CommandError as failed:
        return out.getvalue(), failed.returncode
    return out.getvalue(), 0


def sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=HISTORY._meta.db_table), params)


def test_a_drafts_history_is_not_sealed(cast):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    draft.title = "A better title"
    draft.save()
    submitted(draft, by=cast.author)  # waiting for approval: not final yet
    assert len(history_ids(draft)) >= 3
    assert not HistorySeal.objects.exists()
    assert verify_history() == ("History chain intact: 0 rows in 0 records checked\n", 0)


def test_approval_seals_the_whole_history_in_order_and_each_later_row(cast):
    ehiira = approved_ehiira(cast)
    seals = list(HistorySeal.objects.order_by("pk"))
    assert [seal.history_id for seal in seals] == history_ids(ehiira)
    assert [seal.previous_digest for seal in seals] == ["", *(s.digest for s in seals[:-1])]
    assert {(seal.record_id, seal.history_model) for seal in seals} == {
        (ehiira.pk, "assessments.historicalassessment")
    }
    publishing.set_published(ehiira, published=True, by=cast.approver)  # a later row
    assert HistorySeal.objects.count() == len(history_ids(ehiira)) == len(seals) + 1
    rows = len(history_ids(ehiira))
    assert verify_history() == (f"History chain intact: {rows} rows in 1 record checked\n", 0)


def test_an_authorised_eds_reports_history_is_sealed_too(cast):
    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(report, by=cast.author)
    assert not HistorySeal.objects.exists()
    authorised(report, author=cast.author, approver=cast.approver)
    assert list(HistorySeal.objects.order_by("pk").values_list("history_id", flat=True)) == (
        history_ids(report)
    )
    assert chain.verify() == []


def test_a_history_row_changed_in_the_database_is_reported(cast):
    ehiira = approved_ehiira(cast)
    changed = history_ids(ehiira)[1]
    sql("UPDATE {table} SET title = %s WHERE history_id = %s", "Quietly changed", changed)
    problem = f"EHIIRA {ehiira.pk}, history row {changed}: the row was changed after it was sealed"
    assert verify_history() == (f"{problem}\n", 1)


def test_a_history_row_deleted_in_the_database_is_reported(cast):
    ehiira = approved_ehiira(cast)
    deleted = history_ids(ehiira)[0]
    sql("DELETE FROM {table} WHERE history_id = %s", deleted)
    assert verify_history() == (
        f"EHIIRA {ehiira.pk}, history row {deleted}: the row is missing (deleted after it was "
        "sealed)\n",
        1,
    )


def test_a_history_row_added_behind_the_applications_back_is_reported(cast):
    ehiira = approved_ehiira(cast)
    added = ehiira.history.order_by("history_id").last()
    added.history_id = None
    added.title = "Never approved"
    added.save()  # a row written straight to the table: no seal
    assert verify_history() == (
        f"EHIIRA {ehiira.pk}, history row {added.history_id}: the row was never sealed (added "
        "behind the application's back)\n",
        1,
    )


def test_a_seal_removed_breaks_the_chain(cast):
    ehiira = approved_ehiira(cast)
    first, second, third = HistorySeal.objects.order_by("pk")[:3]
    second.delete()
    assert chain.verify() == [
        f"EHIIRA {ehiira.pk}, history row {third.history_id}: its seal does not follow the one "
        "before it (a seal was removed or changed)",
        f"EHIIRA {ehiira.pk}, history row {second.history_id}: the row was never sealed (added "
        "behind the application's back)",
    ]


def test_a_final_record_with_no_seals_left_is_reported(cast):
    ehiira = approved_ehiira(cast)
    HistorySeal.objects.all().delete()
    assert chain.verify() == [f"EHIIRA {ehiira.pk} is final, but its history was never sealed"]


def test_only_the_records_asked_about_are_checked(cast):
    tampered, untouched = approved_ehiira(cast, "Tampered"), approved_ehiira(cast, "Untouched")
    sql("UPDATE {table} SET title = %s WHERE history_id = %s", "X", history_ids(tampered)[-1])
    assert chain.verify([untouched]) == []
    assert len(chain.verify([tampered])) == len(chain.verify()) == 1


def test_a_rows_digest_covers_every_value_it_stores(cast):
    ehiira = approved_ehiira(cast)
    row = ehiira.history.earliest("history_id")
    again = HISTORY.objects.get(history_id=row.history_id)
    assert chain.digest("", row) == chain.digest("", again)  # read twice, the same
    assert chain.digest("", row) != chain.digest("0" * 64, row)  # its place in the chain
    for field in HISTORY._meta.fields:
        value = field.value_from_object(again)
        if isinstance(value, str):
            setattr(again, field.attname, value + "!")
            assert chain.digest("", again) != chain.digest("", row), field.attname
            setattr(again, field.attname, value)


def test_records_final_before_sealing_began_are_sealed_by_seal_history(cast):
    ehiira = approved_ehiira(cast)
    HistorySeal.objects.all().delete()  # as a database from before the upgrade has it
    printed, status = verify_history()
    assert status == 1 and "is final, but its history was never sealed" in printed
    out = io.StringIO()
    call_command("seal_history", stdout=out)
    rows = len(history_ids(ehiira))
    assert out.getvalue() == f"Sealed {rows} history rows of 1 final records\n"
    assert verify_history()[1] == 0
    call_command("seal_history", stdout=out)  # again: nothing left to seal
    assert out.getvalue().endswith("Sealed 0 history rows of 0 final records\n")


def test_the_records_most_lately_sealed_come_first(cast):
    first, second = approved_ehiira(cast, "First"), approved_ehiira(cast, "Second")
    assert [(type(r), r.pk) for r in chain.recent(limit=1)] == [(Assessment, second.pk)]
    assert {r.pk for r in chain.recent()} == {first.pk, second.pk}


def test_a_row_changed_and_resealed_without_the_key_is_found(cast):
    ehiira = approved_ehiira(cast)
    first = HistorySeal.objects.filter(record_id=ehiira.pk).earliest("history_id")
    sql("UPDATE {table} SET title = 'Quietly changed' WHERE history_id = %s", first.history_id)
    changed = HISTORY.objects.get(history_id=first.history_id)
    # Whoever can write to the database recomputes the seal, as a plain hash would let them.
    forged = chain.digest("", changed, key="a guess at the key")
    HistorySeal.objects.filter(pk=first.pk).update(digest=forged)
    printed, status = verify_history()
    assert status == 1 and f"history row {first.history_id}: the row was changed" in printed


def test_seals_made_under_an_earlier_key_still_hold_after_a_new_key(cast, settings):
    approved_ehiira(cast)
    settings.HISTORY_SEAL_KEYS = ["the new key", *settings.HISTORY_SEAL_KEYS]
    later = approved_ehiira(cast, title="Sealed under the new key")
    assert verify_history()[1] == 0
    settings.HISTORY_SEAL_KEYS = ["the new key"]  # the old key dropped: its seals fail
    printed, status = verify_history()
    assert status == 1 and f"EHIIRA {later.pk}" not in printed
