import datetime

import factory
from django.contrib.auth import get_user_model

from idmf.models import (
    Action,
    DecisionRecord,
    DecisionStep,
    Membership,
    Organisation,
    Place,
    Role,
    Service,
    System,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nhs.uk")
    password = factory.django.Password("correct-horse-battery")


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = System

    name = factory.Sequence(lambda n: f"Integrated Care System {n}")
    short_name = factory.Sequence(lambda n: f"ICS{n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    system = factory.SubFactory(SystemFactory)
    name = factory.Sequence(lambda n: f"Place {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    system = factory.SubFactory(SystemFactory)
    name = factory.Sequence(lambda n: f"Organisation {n} NHS Trust")
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    kind = Organisation.Kind.NHS_TRUST


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.AUTHOR


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = "Head of Equality"
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    created_by = factory.SubFactory(UserFactory)


class DecisionRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionRecord

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Decision on proposal {n}")
    kind = DecisionRecord.Kind.SERVICE_CHANGE
    created_by = factory.SubFactory(UserFactory)


class DecisionStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionStep

    record = factory.SubFactory(DecisionRecordFactory)
    number = 1


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
    return record
