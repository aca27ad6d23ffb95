"""Who may open which assessment page: shared by the record and section views."""

from django.core.exceptions import PermissionDenied

from assessments.models import Assessment
from assessments.report import editors_of, with_parts
from idmf.core.permissions import Perm, get_for_user_or_404, has_permission
from idmf.core.views import tool_breadcrumbs


def breadcrumbs(assessment=None):
    return tool_breadcrumbs("Assessments", "assessments:index", assessment)


def visible(request, pk, permission=Perm.VIEW_RECORDS) -> Assessment:
    return get_for_user_or_404(request.user, with_parts(Assessment.objects), permission, pk=pk)


def editable(request, pk) -> Assessment:
    return ensure_editable(visible(request, pk, Perm.EDIT_RECORDS))


def ensure_editable(assessment) -> Assessment:
    if not assessment.is_editable:
        raise PermissionDenied(
            f"This assessment is {assessment.get_status_display().lower()}, so it cannot be "
            "changed. An approved assessment can be changed by starting a new version."
        )
    return assessment


def may_review(user, assessment) -> bool:
    """An approver who neither wrote nor changed the assessment, while it waits."""
    return (
        assessment.status == Assessment.Status.SUBMITTED
        and has_permission(user, Perm.APPROVE_RECORDS, assessment.organisation)
        and user.pk not in editors_of(assessment)
    )
