"""The board assurance review as the shared record pages serve it: who may open which page,
its list, its history, its PDF, check and submit, approve or return, and new versions
(`idmf.core.record_pages`)."""

from boardtool import services
from boardtool.forms import ApproveForm, NewReviewForm, ReturnForm, ReviewFilterForm
from boardtool.models import Cell, Citation, Review
from boardtool.reference import about
from boardtool.report import PDF_TEMPLATE, cell_type, editors_of, pdf_context, with_parts
from idmf.actions.models import Action
from idmf.core import records
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import record_and_parts_history
from idmf.core.pdf import pdf_filename, state_key
from idmf.core.record_pages import (
    ListPage,
    NewPage,
    NewVersionPage,
    PdfPage,
    RecordPages,
    ReviewPage,
    SubmitPage,
)

REVIEWS_CSV = CsvExport(
    name="board-assurance-reviews",
    columns=[
        ("Review", lambda r, _: str(r)),
        ("Organisation", lambda r, _: r.organisation.name),
        ("Board or committee", lambda r, _: r.board),
        ("Meeting", lambda r, _: when(r.meeting_date)),
        ("Status", lambda r, _: r.get_status_display()),
        ("Version", lambda r, _: r.version_number),
        ("Last changed", lambda r, _: when(r.updated_at)),
        LINK,
    ],
)


def _cited(review):
    """What the PDF says of each cited record (its title and status change after)."""
    citations = [c for cell in review.cells.all() for c in cell.citations.all()]
    found = records.fetch([(c.record_type_id, c.record_id) for c in citations])
    return sorted(
        (key, records.kind_for(type(r)).title(r), records.kind_for(type(r)).status(r))
        for key, r in found.items()
    )


def _kept(review) -> str | None:
    if review.status != Review.Status.APPROVED:
        return None
    return state_key(review, _cited(review), actions=Action.objects.of_record(review))


def _history(review) -> list:
    cells = [c.pk for c in review.cells.all()]
    return [
        *record_and_parts_history(review, "review_id", Cell),
        Citation.history.filter(cell_id__in=cells),
        Action.history.filter(source_type=cell_type(), source_id__in=cells),
    ]


PAGES = RecordPages(
    model=Review,
    noun="review",
    tool="Board assurance",
    namespace="boardtool",
    with_parts=with_parts,
    editors_of=editors_of,
    correction="An approved review is changed by starting a new version.",
    waiting=Review.Status.SUBMITTED,
    final=Review.Status.APPROVED,
    listing=ListPage(
        template="boardtool/review_list.html",
        filter_form=ReviewFilterForm,
        export=REVIEWS_CSV,
    ),
    history=_history,
    pdf=PdfPage(
        template=PDF_TEMPLATE,
        context=pdf_context,
        filename=lambda r: pdf_filename("board-assurance", str(r), f"v{r.version_number}"),
        key=_kept,
    ),
    new=NewPage(
        form=NewReviewForm,
        write=services.create_review,
        opens_at=lambda review: review.get_absolute_url(),
        started="Review started: rate each cell of the matrix",
        template="boardtool/review_new.html",
        context=lambda: {"about": about()},
    ),
    new_version=NewVersionPage(
        write=services.start_new_version, template="boardtool/new_version.html"
    ),
    submit=SubmitPage(
        write=services.submit_review,
        refused=services.ReviewError,
        submitted="Review submitted for approval",
    ),
    reviews={
        "approve": ReviewPage(
            form=ApproveForm,
            write=services.approve_review,
            template="boardtool/approve.html",
            done="Review approved",
        ),
        "return": ReviewPage(
            form=ReturnForm,
            write=services.return_review,
            template="boardtool/return.html",
            done="Review returned with comments",
        ),
    },
)
