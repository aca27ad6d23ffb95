"""The EDS lead's team: the authors and approvers of an organisation draft its report."""

from idmf.core.permissions import Perm, has_permission, organisations_for

DRAFTERS = (Perm.EDIT_RECORDS, Perm.APPROVE_RECORDS)


def may_draft_in(user, organisation) -> bool:
    return any(has_permission(user, perm, organisation) for perm in DRAFTERS)


def _drafting_ids(user) -> list[int]:
    """The ids of the organisations whose report the user may start: read once a request and
    kept on the user (the new-report page asks whether there are any, then offers them)."""
    if "_eds_drafting" not in user.__dict__:
        user._eds_drafting = [o.pk for o in organisations_for(user) if may_draft_in(user, o)]
    return user._eds_drafting


def may_start_a_report(user) -> bool:
    return bool(_drafting_ids(user))


def drafting_organisations(user):
    """The organisations whose report the user may start."""
    return organisations_for(user).filter(pk__in=_drafting_ids(user))
