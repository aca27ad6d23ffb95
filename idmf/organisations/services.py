"""Organisation set-up by its admins: members and their roles, and services. Keyword-only,
atomic writes with the acting user; nobody changes their own roles."""

from django.db import transaction

from idmf.core.models import Membership, Organisation, Role, Service, person_name
from idmf.core.permissions import members_of
from idmf.core.services import Refused, delete_with_history, save_with_history


class SetupError(Refused):
    """An organisation set-up change that was refused."""


def _not_your_own(user, by) -> None:
    """Segregation of duties: nobody changes their own roles; another admin must."""
    if user.pk == by.pk:
        raise SetupError("Your own roles can only be changed by another organisation admin")


@transaction.atomic
def add_member(*, organisation, user, role, by) -> Membership:
    """Another role for someone already a member here (someone new accepts an invitation)."""
    _not_your_own(user, by)
    if not members_of(organisation).filter(pk=user.pk).exists():
        raise SetupError("Invite someone new by e-mail: they join when they accept")
    if Membership.objects.filter(organisation=organisation, user=user, role=role).exists():
        raise SetupError(f"{person_name(user)} already has that role here")
    membership = Membership(organisation=organisation, user=user, role=role)
    return save_with_history(membership, by=by, reason=f"Role given: {Role(role).label}")


@transaction.atomic
def remove_member(*, membership, by) -> None:
    _not_your_own(membership.user, by)
    if membership.role == Role.ORGANISATION_ADMIN:
        # Lock the organisation, so two admins removing each other cannot both succeed
        # (a locking count() takes no lock).
        Organisation.objects.select_for_update().get(pk=membership.organisation_id)
        admins = Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.ORGANISATION_ADMIN
        )
        if admins.count() == 1:
            raise SetupError("An organisation needs at least one organisation admin")
    delete_with_history(membership, by=by, reason="Member removed")


@transaction.atomic
def add_service(*, organisation, name, relationship, core20plus5_area, by) -> Service:
    if Service.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise SetupError(f"{organisation} already has a service called {name}")
    service = Service(
        organisation=organisation,
        name=name,
        relationship=relationship,
        core20plus5_area=core20plus5_area,
    )
    return save_with_history(service, by=by, reason="Service added")


@transaction.atomic
def change_organisation(*, organisation, member=None, service=None, remove=None, by) -> list[str]:
    """Everything one press on the set-up page asks for, together: add the member and the
    service typed in, and remove a membership. What was done, for the user."""
    done = []
    if member:
        user = member["user"]
        add_member(organisation=organisation, user=user, role=member["role"], by=by)
        done.append(f"{person_name(user)} is now also {Role(member['role']).label.lower()}")
    if service:
        added = add_service(organisation=organisation, by=by, **service)
        done.append(f"Service added: {added.name}")
    if remove:
        remove_member(membership=remove, by=by)
        done.append(f"{person_name(remove.user)} removed")
    return done
