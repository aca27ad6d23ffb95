"""The board assurance part of the health-equity dashboard: the latest approved review's
scorecard, counted by assurance rating."""

from django.db.models import Count
from django.urls import reverse

from boardtool import rules
from boardtool.models import Review
from idmf.core.dashboard import Bar, Chart, Figure, Panel, Scope
from idmf.core.dates import nhs_date

CELLS = 40  # 8 key lines of enquiry × 5 national priorities


def board_panel(scope: Scope) -> Panel:
    review = (
        Review.objects.filter(
            organisation_id__in=scope.organisation_ids, status=Review.Status.APPROVED
        )
        .select_related("organisation")
        .order_by("-approved_at", "-pk")
        .first()
    )
    if review is None:
        return Panel(
            order=40,
            title="Board assurance",
            template="boardtool/dashboard.html",
            context={"review": None},
            key="board",
            headline=[
                Figure(
                    "Board scorecard",
                    "No board assurance review approved yet",
                    reverse("boardtool:index"),
                )
            ],
        )
    counts = dict(review.cells.order_by().values_list("rating").annotate(n=Count("pk")))
    # Cells never saved are not yet assessed.
    counts[rules.Rating.NOT_YET_ASSESSED] = CELLS - sum(
        n for rating, n in counts.items() if rating != rules.Rating.NOT_YET_ASSESSED
    )
    scorecard = reverse("boardtool:scorecard", args=[review.pk])
    bars = [
        Bar(label, counts.get(value, 0), url=scorecard) for value, label in rules.Rating.choices
    ]
    assured = counts.get(rules.Rating.ASSURED, 0)
    chart = Chart(
        title=f"Latest scorecard: {review}",
        summary=(
            f"Approved {nhs_date(review.approved_at) if review.approved_at else ''} "
            f"for {review.board}: {assured} of {CELLS} cells assured, "
            f"{counts.get(rules.Rating.NOT_ASSURED, 0)} not assured."
        ),
        bars=bars,
        unit="Cells",
    )
    return Panel(
        order=40,
        title="Board assurance",
        template="boardtool/dashboard.html",
        context={"review": review, "chart": chart, "scorecard": scorecard},
        key="board",
        headline=[
            Figure(
                "Board scorecard",
                f"{assured} of {CELLS} cells assured, "
                f"{counts.get(rules.Rating.NOT_ASSURED, 0)} not assured ({review})",
                scorecard,
            )
        ],
    )
