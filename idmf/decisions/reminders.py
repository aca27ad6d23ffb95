"""The decision review reminder: when a decision record's review date arrives, whoever
recorded it is told, once for that date."""

from datetime import date

from idmf.core.dates import nhs_date
from idmf.decisions.models import DecisionRecord
from idmf.notices import outbox
from idmf.notices.models import NoticeKind


def reviews_due(*, today: date) -> int:
    queued = 0
    due = DecisionRecord.objects.filter(review_date__lte=today).select_related(
        "created_by", "organisation"
    )
    for record in due:
        queued += len(
            outbox.notify(
                NoticeKind.REVIEW_DUE,
                users=[record.created_by],
                organisation=record.organisation,
                key=f"decision:{record.pk}:review:{record.review_date.isoformat()}",
                subject=f"Decision due for review: {record.title[:200]}",
                body=(
                    f"The decision you recorded for {record.organisation} is due for review "
                    f"on {nhs_date(record.review_date)}:\n\n{record.title}\n\n"
                    f"{outbox.link(record.get_absolute_url())}\n"
                ),
            )
        )
    return queued
