"""Each person's choice of which e-mails they get."""

from django.db import transaction

from idmf.core.services import delete_with_history, save_with_history
from idmf.notices.models import NoticeKind, NoticeOptOut


@transaction.atomic
def set_notice_preferences(*, user, wanted: set[str], by) -> None:
    """Switch each kind of e-mail on (in `wanted`) or off for `user`."""
    existing = {o.kind: o for o in NoticeOptOut.objects.select_for_update().filter(user=user)}
    for kind in NoticeKind.values:
        if kind in wanted and kind in existing:
            delete_with_history(existing[kind], by=by, reason="E-mail switched on")
        elif kind not in wanted and kind not in existing:
            save_with_history(
                NoticeOptOut(user=user, kind=kind), by=by, reason="E-mail switched off"
            )
