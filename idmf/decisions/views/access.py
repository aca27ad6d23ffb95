"""Who may open which decision page: shared by the record and step views."""

from django.core.exceptions import PermissionDenied

from idmf.core.permissions import Perm, get_for_user_or_404
from idmf.core.views import tool_breadcrumbs
from idmf.decisions import rules
from idmf.decisions.models import DecisionRecord
from idmf.decisions.report import record_state, with_parts


def breadcrumbs(record=None):
    return tool_breadcrumbs("Decisions", "decisions:index", record)


def visible(request, pk, permission=Perm.VIEW_RECORDS) -> DecisionRecord:
    return get_for_user_or_404(request.user, with_parts(DecisionRecord.objects), permission, pk=pk)


def editable(request, pk) -> DecisionRecord:
    record = visible(request, pk, Perm.EDIT_RECORDS)
    if rules.is_complete(record_state(record).completed):
        raise PermissionDenied(
            "This decision is complete, so it cannot be changed. You can add a review."
        )
    return record
