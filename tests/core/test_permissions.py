import pytest

from idmf.actions.models import Action
from idmf.core.models import Organisation, Role
from idmf.core.permissions import (
    ROLE_PERMISSIONS,
    Perm,
    has_permission,
    organisations_for,
    visible_to,
)
from tests.core.factories import ActionFactory

EXPECTED = {
    Role.AUTHOR: {Perm.VIEW_RECORDS, Perm.EDIT_RECORDS},
    Role.APPROVER: {Perm.VIEW_RECORDS, Perm.APPROVE_RECORDS, Perm.PUBLISH_RECORDS},
    Role.BOARD_SECRETARY: {Perm.VIEW_RECORDS, Perm.BUILD_PACKS},
    Role.VIEWER: {Perm.VIEW_RECORDS},
    Role.ORGANISATION_ADMIN: {
        Perm.VIEW_RECORDS,
        Perm.MANAGE_ORGANISATION,
        Perm.BUILD_PACKS,
        Perm.PUBLISH_RECORDS,
    },
}


def test_every_role_has_a_permission_set():
    assert set(ROLE_PERMISSIONS) == set(Role.values)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("permission", list(Perm))
def test_role_grants_exactly_its_permissions_in_own_organisation_only(cast, role, permission):
    user = cast.by_role()[role]
    expected = permission in EXPECTED[role]
    assert has_permission(user, permission, cast.organisation) is expected
    assert has_permission(user, permission, cast.other) is False
    # A membership of one organisation says nothing about its neighbours.
    assert has_permission(user, permission, cast.sibling) is False


def test_system_member_sees_every_organisation_in_the_system_and_no_other(cast):
    visible = set(organisations_for(cast.system_member))
    assert visible == {cast.organisation, cast.sibling}
    assert has_permission(cast.system_member, Perm.VIEW_RECORDS, cast.sibling)
    assert not has_permission(cast.system_member, Perm.EDIT_RECORDS, cast.sibling)
    assert not has_permission(cast.system_member, Perm.VIEW_RECORDS, cast.other)


def test_visible_to_scopes_records_by_organisation(cast):
    ours = ActionFactory(organisation=cast.organisation)
    sibling = ActionFactory(organisation=cast.sibling)
    theirs = ActionFactory(organisation=cast.other)
    assert set(visible_to(cast.viewer, Action.objects.all())) == {ours}
    assert set(visible_to(cast.system_member, Action.objects.all())) == {ours, sibling}
    assert set(visible_to(cast.outsider, Action.objects.all())) == {theirs}
    assert not visible_to(cast.no_membership, Action.objects.all()).exists()


def test_visible_to_with_a_permission_filters_by_role(cast):
    ActionFactory(organisation=cast.organisation)
    queryset = Action.objects.all()
    assert visible_to(cast.author, queryset, permission=Perm.EDIT_RECORDS).count() == 1
    assert visible_to(cast.viewer, queryset, permission=Perm.EDIT_RECORDS).count() == 0


def test_superuser_sees_everything(cast):
    cast.no_membership.is_superuser = True
    assert set(organisations_for(cast.no_membership)) == set(Organisation.objects.all())
    assert has_permission(cast.no_membership, Perm.APPROVE_RECORDS, cast.other)


def test_inactive_user_has_no_permissions(cast):
    cast.author.is_active = False
    assert not has_permission(cast.author, Perm.VIEW_RECORDS, cast.organisation)
