"""Who may open which assessment page: shared by the record and section views."""

from django.core.exceptions import PermissionDenied

from assessments.models import Assessment
from assessments.report import with_parts
from idmf.core.permissions import Perm, get_for_user_or_404, has_permission
from idmf.core.views import tool_breadcrumbs


def breadcrumbs(assessment=None):
    return tool_breadcrumbs("Assessments", "assessments:index", assessment)


def visible(request, pk, permission=Perm.VIEW_RECORDS) -> Assessment:
    return get_for_user_or_404(request.user, with_parts(Assessment.objects), permission, pk=pk)


def editable(request, pk) -> Assessment:
    assessment = visible(request, pk, Perm.EDIT_RECORDS)
    if not assessment.is_editable:
        raise PermissionDenied(
            f"This assessment is {assessment.get_status_display().lower()}, so it cannot be "
            "changed. An approved assessment can be changed by starting a new version."
        )
    return assessment


def may_review(user, assessment) -> bool:
    return (
        assessment.status == Assessment.Status.SUBMITTED
        and assessment.created_by_id != user.pk
        and has_permission(user, Perm.APPROVE_RECORDS, assessment.organisation)
    )
