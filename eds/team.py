"""The EDS lead's team: the authors and approvers of an organisation draft its report."""

from idmf.core.permissions import Perm, has_permission, organisations_for

DRAFTERS = (Perm.EDIT_RECORDS, Perm.APPROVE_RECORDS)


def may_draft_in(user, organisation) -> bool:
    return any(has_permission(user, perm, organisation) for perm in DRAFTERS)


def drafting_organisations(user):
    """The organisations whose report the user may start."""
    allowed = [o.pk for o in organisations_for(user) if may_draft_in(user, o)]
    return organisations_for(user).filter(pk__in=allowed)
