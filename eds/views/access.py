"""Who may open which EDS page: shared by the report, grading and publishing views.

The EDS lead's team (authors and approvers of the organisation) drafts the report;
approvers who did not edit it authorise or return it; approvers publish; viewers read;
other organisations see nothing (404)."""

from django.core.exceptions import PermissionDenied

from eds.models import EdsReport
from eds.report import editors_of, with_parts
from idmf.core import permissions
from idmf.core.permissions import Perm, get_for_user_or_404, has_permission, may
from idmf.core.views import tool_breadcrumbs

DRAFTERS = (Perm.EDIT_RECORDS, Perm.APPROVE_RECORDS)


def breadcrumbs(report=None):
    return tool_breadcrumbs("EDS reports", "eds:index", report)


def may_draft_in(user, organisation) -> bool:
    return any(has_permission(user, perm, organisation) for perm in DRAFTERS)


def may_draft(user, report) -> bool:
    """The report's team, or a co-author it is shared with."""
    return may_draft_in(user, report.organisation) or may(user, Perm.EDIT_RECORDS, report)


def visible(request, pk) -> EdsReport:
    return get_for_user_or_404(
        request.user, with_parts(EdsReport.objects), Perm.VIEW_RECORDS, pk=pk
    )


def draftable(request, pk) -> EdsReport:
    """The report, for its team to work on (any state: the write says if it is too late)."""
    report = visible(request, pk)
    if not may_draft(request.user, report):
        raise PermissionDenied(
            "Only the organisation's authors and approvers work on its EDS report"
        )
    return report


def editable(request, pk) -> EdsReport:
    return ensure_editable(draftable(request, pk))


def ensure_editable(report) -> EdsReport:
    return permissions.ensure_editable(
        report,
        noun="report",
        correction="An authorised report is corrected by starting a new version.",
    )


def may_review(user, report) -> bool:
    """An approver of the organisation who did not edit the report, while it waits."""
    return permissions.may_review(
        user, report, editors_of=editors_of, waiting=EdsReport.Status.SUBMITTED
    )


def approvable(request, pk) -> EdsReport:
    report = visible(request, pk)
    if not has_permission(request.user, Perm.APPROVE_RECORDS, report.organisation):
        raise PermissionDenied("Only the organisation's approvers authorise and publish reports")
    return report
