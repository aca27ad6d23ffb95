"""Who may open which EDS page: shared by the report, grading and publishing views.

The EDS lead's team (authors and approvers of the organisation) drafts the report;
approvers who did not edit it authorise or return it; approvers publish; viewers read;
other organisations see nothing (404)."""

from django.core.exceptions import PermissionDenied

from eds.models import EdsReport
from eds.pages import PAGES
from eds.team import may_draft_in
from idmf.core.permissions import Perm, has_permission, may


def may_draft(user, report) -> bool:
    """The report's team, or a co-author it is shared with."""
    return may_draft_in(user, report.organisation) or may(user, Perm.EDIT_RECORDS, report)


def draftable(request, pk) -> EdsReport:
    """The report, for its team to work on (any state: the write says if it is too late)."""
    report = PAGES.visible(request, pk)
    if not may_draft(request.user, report):
        raise PermissionDenied(
            "Only the organisation's authors and approvers work on its EDS report"
        )
    return report


def editable(request, pk) -> EdsReport:
    return PAGES.ensure_editable(draftable(request, pk))


def approvable(request, pk) -> EdsReport:
    report = PAGES.visible(request, pk)
    if not has_permission(request.user, Perm.APPROVE_RECORDS, report.organisation):
        raise PermissionDenied("Only the organisation's approvers authorise and publish reports")
    return report
