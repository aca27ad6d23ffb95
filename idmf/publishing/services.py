"""Putting a record its organisation publishes by choice on the public register, and
taking it off."""

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from idmf.core import records
from idmf.core.services import AlreadyDone, Refused, lock_for_edit, save_edited
from idmf.publishing import public_pdf


def _the(noun: str) -> str:
    """ "EHIIRA" stays; "Board assurance review" → "board assurance review"."""
    return noun if noun[1:2].isupper() else noun[:1].lower() + noun[1:]


@transaction.atomic
def set_published(record, *, published: bool, by) -> Model:
    """Put a record its organisation publishes by choice (an approved EHIIRA or review) on
    the public register, or take it off at once. Its history says who did which, and when."""
    kind = records.kind_for(type(record))
    noun = _the(kind.noun)
    if not kind.published_when:
        raise Refused(f"A {noun} is not published by choice")
    fresh = lock_for_edit(kind.model.objects, record.pk, expected_version=None, noun=noun)
    if fresh.status != kind.published_when:
        raise Refused(
            f"This {noun} is {fresh.get_status_display().lower()}: only when "
            f"{kind.published_when} can it be published"
        )
    if published == (fresh.published_at is not None):
        raise AlreadyDone(
            f"This {noun} is {'already' if published else 'not'} on the public register"
        )
    fresh.published_at = timezone.now() if published else None
    reason = "Published on the public register" if published else "Taken off the public register"
    saved = save_edited(fresh, by=by, reason=reason)
    if published:
        public_pdf.prepare(saved, by=by)  # the public never waits for it to be made
    return saved
