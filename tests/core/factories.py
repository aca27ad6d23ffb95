import datetime

import factory
from django.contrib.auth import get_user_model

from idmf.actions.models import Action
from idmf.core.models import Membership, Organisation, Role, Service, System


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


class OrganisationRecordFactory(factory.django.DjangoModelFactory):
    """A record of an organisation, made by a user: each subclass names its model."""

    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)


class ActionFactory(OrganisationRecordFactory):
    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"Action {n}")
    owner = "Head of Equality"
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
