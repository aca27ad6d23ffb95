"""Decision records, and the values that let each step be completed."""

import datetime

import factory

from idmf.decisions import services
from idmf.decisions.models import DecisionRecord, DecisionStep
from tests.core.factories import OrganisationRecordFactory


class DecisionRecordFactory(OrganisationRecordFactory):
    class Meta:
        model = DecisionRecord

    title = factory.Sequence(lambda n: f"Decision on proposal {n}")
    kind = DecisionRecord.Kind.SERVICE_CHANGE


STEP_VALUES = {
    1: {
        "aims": "Improve equitable uptake",
        "scope": "Type 1 diabetes across LLR",
        "what_changes": "Initiation moves to primary care",
        "who_is_affected": "People with type 1 diabetes",
        "decision_owner": "Head of diabetes",
        "decision_body": "Clinical Executive",
    },
    2: {
        "population_data": "JSNA 2021",
        "uptake_data": "29% in the most deprived quintile vs 39% in the least",
        "health_equity_audit": "Audit completed in 2021",
        "data_gaps": "Ethnicity is recorded by practice only",
    },
    3: {
        "who_was_engaged": "Patients and staff networks",
        "how_engaged": "Workshops",
        "what_they_said": "Education only in English",
        "how_it_changed": "Education in five languages",
    },
    5: {
        "options_considered": "Do nothing; targeted initiation",
        "due_regard_statement": "We considered the impact on every group",
        "decision": "proceed_with_mitigations",
        "decided_by": "Clinical Executive",
        "decision_date": datetime.date(2021, 6, 8),
        "minute_reference": "CE/21/045",
    },
    6: {"measures": "Uptake by deprivation quintile", "review_date": datetime.date(2022, 6, 8)},
}


def fill_steps(record, *numbers):
    """Give the record everything the named steps need."""
    for number in numbers:
        for name, value in STEP_VALUES.get(number, {}).items():
            setattr(record, name, value)
    record.save()
    return record


def complete_steps(record, *numbers, by=None):
    by = by or record.created_by
    fill_steps(record, *numbers)
    for number in numbers:
        DecisionStep.objects.update_or_create(
            record=record,
            number=number,
            defaults={"completed_at": datetime.datetime.now(datetime.UTC), "completed_by": by},
        )
    record.steps_completed = services.completed_count(record)
    DecisionRecord.objects.filter(pk=record.pk).update(steps_completed=record.steps_completed)
    return record


def add_review(record, notes, *, next_review_date, by):
    """A review of the record on its review date in STEP_VALUES (8 June 2022)."""
    return services.add_decision_review(
        record=record,
        reviewed_on=STEP_VALUES[6]["review_date"],
        notes=notes,
        next_review_date=next_review_date,
        by=by,
    )
