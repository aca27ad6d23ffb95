"""Which decision records may be edited: a complete one takes reviews, not changes. (Who
may open which page: `idmf.decisions.pages`.)"""

from django.core.exceptions import PermissionDenied

from idmf.core.permissions import Perm
from idmf.decisions import rules
from idmf.decisions.models import DecisionRecord
from idmf.decisions.pages import PAGES
from idmf.decisions.report import record_state


def editable(request, pk) -> DecisionRecord:
    record = PAGES.visible(request, pk, Perm.EDIT_RECORDS)
    if rules.is_complete(record_state(record).completed):
        raise PermissionDenied(
            "This decision is complete, so it cannot be changed. You can add a review."
        )
    return record
