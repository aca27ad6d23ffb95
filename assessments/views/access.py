"""Who may open which assessment page: shared by the record and section views."""

from assessments.models import Assessment
from assessments.report import editors_of, with_parts
from idmf.core import permissions
from idmf.core.permissions import Perm, get_for_user_or_404
from idmf.core.views import tool_breadcrumbs


def breadcrumbs(assessment=None):
    return tool_breadcrumbs("Assessments", "assessments:index", assessment)


def visible(request, pk, permission=Perm.VIEW_RECORDS) -> Assessment:
    return get_for_user_or_404(request.user, with_parts(Assessment.objects), permission, pk=pk)


def editable(request, pk) -> Assessment:
    return ensure_editable(visible(request, pk, Perm.EDIT_RECORDS))


def ensure_editable(assessment) -> Assessment:
    return permissions.ensure_editable(
        assessment,
        noun="assessment",
        correction="An approved assessment can be changed by starting a new version.",
    )


def may_review(user, assessment) -> bool:
    """An approver who neither wrote nor changed the assessment, while it waits."""
    return permissions.may_review(
        user, assessment, editors_of=editors_of, waiting=Assessment.Status.SUBMITTED
    )
