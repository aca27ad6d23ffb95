"""Who may do what: permission names, the role → permission map, and the helpers
every view uses.

Outsiders (no membership in the record's organisation or its system) get 404 so
they cannot learn that a record exists; members whose role lacks the permission
get 403. A record's author may share it with named colleagues (`Share`): a co-author
may view and edit that one record, a reader view it, whatever their roles; neither
may approve it.
"""

from enum import StrEnum
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from idmf.core.models import Membership, Organisation, Role, Share


class Perm(StrEnum):
    VIEW_RECORDS = "view_records"
    EDIT_RECORDS = "edit_records"
    APPROVE_RECORDS = "approve_records"
    MANAGE_ORGANISATION = "manage_organisation"
    BUILD_PACKS = "build_packs"
    PUBLISH_RECORDS = "publish_records"  # put approved EHIIRAs and reviews on the register


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.VIEWER: frozenset({Perm.VIEW_RECORDS}),
    Role.AUTHOR: frozenset({Perm.VIEW_RECORDS, Perm.EDIT_RECORDS}),
    Role.APPROVER: frozenset({Perm.VIEW_RECORDS, Perm.APPROVE_RECORDS, Perm.PUBLISH_RECORDS}),
    Role.BOARD_SECRETARY: frozenset({Perm.VIEW_RECORDS, Perm.BUILD_PACKS}),
    Role.ORGANISATION_ADMIN: frozenset(
        {Perm.VIEW_RECORDS, Perm.MANAGE_ORGANISATION, Perm.BUILD_PACKS, Perm.PUBLISH_RECORDS}
    ),
}


SHARED_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Share.Access.EDIT: frozenset({Perm.VIEW_RECORDS, Perm.EDIT_RECORDS}),
    Share.Access.VIEW: frozenset({Perm.VIEW_RECORDS}),
}


def roles_with(permission: Perm) -> list[str]:
    """The roles that hold `permission`."""
    return [role for role, held in ROLE_PERMISSIONS.items() if permission in held]


def memberships_of(user) -> list[Membership]:
    """The user's memberships, with their organisations and systems (the home page names
    them), read once per request and kept on the user object."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_idmf_memberships"):
        user._idmf_memberships = list(
            Membership.objects.filter(user=user).select_related("organisation__system", "system")
        )
    return user._idmf_memberships


def roles_in(user, organisation: Organisation) -> set[str]:
    return {
        m.role
        for m in memberships_of(user)
        if m.organisation_id == organisation.pk or m.system_id == organisation.system_id
    }


def has_permission(user, permission: Perm, organisation: Organisation) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(permission in ROLE_PERMISSIONS[role] for role in roles_in(user, organisation))


def has_permission_anywhere(user, permission: Perm) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return any(permission in ROLE_PERMISSIONS[m.role] for m in memberships_of(user))


def visible_to(
    user, queryset: QuerySet, *, permission: Perm = Perm.VIEW_RECORDS, via: str = "organisation"
) -> QuerySet:
    """Narrow `queryset` to rows whose organisation the user holds `permission` in.

    `via` is the lookup from the queryset's model to its Organisation; pass
    `via=""` for a queryset of organisations.
    """
    if user.is_authenticated and user.is_superuser:
        return queryset
    return queryset.filter(_granted(user, permission, via))


def _granted(user, permission: Perm, via: str) -> Q:
    granted = [m for m in memberships_of(user) if permission in ROLE_PERMISSIONS[m.role]]
    organisation_ids = [m.organisation_id for m in granted if m.organisation_id]
    system_ids = [m.system_id for m in granted if m.system_id]
    own = "pk" if not via else f"{via}_id"
    prefix = f"{via}__" if via else ""
    return Q(**{f"{own}__in": organisation_ids}) | Q(**{f"{prefix}system_id__in": system_ids})


def shared_with(user, model, *, access: str | None = None) -> Q:
    """The records of `model` shared with the user (as co-author or reader, or as `access`)."""
    shares = Share.objects.filter(user=user, record_type=ContentType.objects.get_for_model(model))
    if access:
        shares = shares.filter(access=access)
    return Q(pk__in=shares.values("record_id"))


def co_authored_by(user, model) -> Q:
    return shared_with(user, model, access=Share.Access.EDIT)


def co_authors_of(record) -> set[int]:
    """The ids of the record's co-authors, who may not approve it."""
    return {share.user_id for share in shares_of(record) if share.access == Share.Access.EDIT}


def shares_of(record) -> list[Share]:
    """Whom the record is shared with (its co-authors and readers, with their accounts), in
    the order they were added: read once per record object, for the checks of a request
    and the page's list of who works on it alike."""
    if "_idmf_shares" not in record.__dict__:
        record._idmf_shares = list(
            Share.objects.filter(
                record_type=ContentType.objects.get_for_model(type(record)), record_id=record.pk
            ).select_related("user")
        )
    return record._idmf_shares


def share_access(user, record) -> str:
    """How the record is shared with the user: "edit", "view", or "" (not shared)."""
    if not user.is_authenticated or not user.is_active:
        return ""
    return next((share.access for share in shares_of(record) if share.user_id == user.pk), "")


def may(user, permission: Perm, record) -> bool:
    """The user holds `permission` on this record: through a role in its organisation, or
    because it is shared with them."""
    if has_permission(user, permission, record.organisation):
        return True
    return permission in SHARED_PERMISSIONS.get(share_access(user, record), frozenset())


def is_co_author(user, record) -> bool:
    return share_access(user, record) == Share.Access.EDIT


def organisations_for(user, permission: Perm = Perm.VIEW_RECORDS) -> QuerySet:
    return visible_to(
        user, Organisation.objects.select_related("system"), permission=permission, via=""
    )


def get_for_user_or_404(user, queryset: QuerySet, permission: Perm, **lookup):
    """Fetch one record: 404 for those who may not see it, 403 for members who may
    see it but lack `permission`."""
    if queryset.model is Organisation:
        organisation = get_object_or_404(visible_to(user, queryset, via=""), **lookup)
        if not has_permission(user, permission, organisation):
            raise PermissionDenied
        return organisation
    if not (user.is_authenticated and user.is_superuser):
        queryset = queryset.filter(
            _granted(user, Perm.VIEW_RECORDS, "organisation") | shared_with(user, queryset.model)
        )
    # The record's parts (its prefetches) are read once it is known to be theirs to see:
    # a refusal reads the record alone.
    parts = queryset._prefetch_related_lookups
    record = get_object_or_404(queryset.prefetch_related(None), **lookup)
    if not may(user, permission, record):
        raise PermissionDenied
    prefetch_related_objects([record], *parts)
    return record


def require_permission(permission: Perm):
    """View decorator: the user must hold `permission` in at least one organisation."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_permission_anywhere(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def may_review(user, record, *, editors_of, waiting: str) -> bool:
    """An approver of the record's organisation who neither wrote nor changed it
    (`editors_of(record)`) nor is one of its co-authors, while it waits (`waiting`, its
    submitted status)."""
    return (
        record.status == waiting
        and has_permission(user, Perm.APPROVE_RECORDS, record.organisation)
        and user.pk not in editors_of(record)
        and not is_co_author(user, record)
    )


def ensure_editable(record, *, noun: str, correction: str):
    """The record, if it can still be changed; else 403 saying why and what to do."""
    if not record.is_editable:
        raise PermissionDenied(
            f"This {noun} is {record.get_status_display().lower()}, so it cannot be changed. "
            f"{correction}"
        )
    return record


def may_update_action(user, action) -> bool:
    """An action's owner (its owner's account) and the authors of its organisation may set
    its status and add progress notes; everyone else who may see it only reads it."""
    organisation = action.organisation
    if action.assignee_id == user.pk and has_permission(user, Perm.VIEW_RECORDS, organisation):
        return True
    return has_permission(user, Perm.EDIT_RECORDS, organisation)


def colleagues_for(record, *, joint: bool) -> QuerySet:
    """Whom the author of `record` may add to it: the active people of its organisation, or
    (`joint`) of any organisation in its system."""
    if not joint:
        return members_of(record.organisation)
    system_id = record.organisation.system_id
    return _people(
        Q(memberships__organisation__system_id=system_id) | Q(memberships__system_id=system_id)
    )


def members_of(organisation, *, roles=None) -> QuerySet:
    """The active people who belong to the organisation, directly or through its system
    (in one of `roles`, when given: a role held here, not in another organisation)."""
    here = Q(memberships__organisation=organisation) | Q(
        memberships__system_id=organisation.system_id
    )
    if roles is not None:
        here &= Q(memberships__role__in=list(roles))
    return _people(here)  # one filter: the role and the place are of the same membership


def _people(where: Q) -> QuerySet:
    """The active people with a membership that `where` describes, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(where)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
