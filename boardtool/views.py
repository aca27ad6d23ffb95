"""Board assurance reviews: the list, starting one, the matrix, each cell's page, the
scorecard, submit, approve or return, new versions, the PDF and the history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from boardtool import services
from boardtool.forms import (
    ApproveForm,
    CellActionForm,
    CellForm,
    DetailsForm,
    NewReviewForm,
    ReturnForm,
    ReviewFilterForm,
    citation_value,
)
from boardtool.models import Cell, Citation, Review
from boardtool.reference import about
from boardtool.report import (
    PDF_TEMPLATE,
    build_matrix,
    cell_type,
    citable,
    editors_of,
    pdf_context,
    reference,
    with_parts,
)
from idmf.core import permissions, records
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.forms import all_valid, typed
from idmf.core.history import history_entries
from idmf.core.models import Action
from idmf.core.pagination import render_filtered_list
from idmf.core.pdf import pdf_filename, pdf_page, state_key
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission_anywhere,
    may,
    organisations_for,
    visible_to,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import (
    render_history,
    save_then_go,
    start_from_page,
    submit_on_post,
    tool_breadcrumbs,
)


def breadcrumbs(review=None):
    return tool_breadcrumbs("Board assurance", "boardtool:index", review)


def visible(request, pk, permission=Perm.VIEW_RECORDS) -> Review:
    return get_for_user_or_404(request.user, with_parts(Review.objects), permission, pk=pk)


def ensure_editable(review) -> Review:
    return permissions.ensure_editable(
        review,
        noun="review",
        correction="An approved review is changed by starting a new version.",
    )


def may_review(user, review) -> bool:
    return permissions.may_review(
        user, review, editors_of=editors_of, waiting=Review.Status.SUBMITTED
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


def review_list(request):
    return render_filtered_list(
        request,
        form=ReviewFilterForm(request.GET, user=request.user),
        queryset=visible_to(request.user, Review.objects.all()).select_related("organisation"),
        order_by=["-updated_at", "-pk"],
        template="boardtool/review_list.html",
        context={
            "may_create": has_permission_anywhere(request.user, Perm.EDIT_RECORDS),
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
        export=REVIEWS_CSV,
    )


def review_new(request):
    """Start a review, with the tool's own "About" and "How to use" beside the form."""
    if not has_permission_anywhere(request.user, Perm.EDIT_RECORDS):
        raise PermissionDenied
    form = NewReviewForm(
        request.POST or None, organisations=organisations_for(request.user, Perm.EDIT_RECORDS)
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.create_review(by=request.user, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Review started: rate each cell of the matrix")
            return redirect(review)
    return render(
        request,
        "boardtool/review_new.html",
        {"form": form, "about": about(), "breadcrumbs": breadcrumbs()},
    )


def _matrix_page(request, review, template, **context):
    return render(
        request,
        template,
        {
            "review": review,
            "matrix": build_matrix(review),
            "breadcrumbs": breadcrumbs()
            if template == "boardtool/review_detail.html"
            else breadcrumbs(review),
            **context,
        },
    )


def review_detail(request, pk):
    review = visible(request, pk)
    may_edit = review.is_editable and may(request.user, Perm.EDIT_RECORDS, review)
    return _matrix_page(
        request,
        review,
        "boardtool/review_detail.html",
        may_edit=may_edit,
        may_review=may_review(request.user, review),
        may_new_version=review.status == Review.Status.APPROVED
        and not hasattr(review, "next_version")
        and may(request.user, Perm.EDIT_RECORDS, review),
    )


def scorecard(request, pk):
    return _matrix_page(request, visible(request, pk), "boardtool/scorecard.html")


def _editable_for(request, pk) -> Review:
    """For a page that edits: offered only while a draft; a press always reaches the
    write, which says if it is too late (and the page shows back what was typed)."""
    review = visible(request, pk, Perm.EDIT_RECORDS)
    return review if request.method == "POST" else ensure_editable(review)


def details(request, pk):
    review = _editable_for(request, pk)
    initial = {name: getattr(review, name) for name in services.DETAILS}
    form = DetailsForm(request.POST or None, initial=initial | {"version": review.version})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        outcome = save_then_go(
            request,
            lambda: services.save_details(
                review=review, expected_version=version, by=request.user, **values
            ),
            here=reverse("boardtool:details", args=[review.pk]),
            record=review,
            onward=lambda: review.get_absolute_url(),
        )
        if not isinstance(outcome, str):
            return outcome
        form.add_error(None, outcome)
    return render(
        request,
        "boardtool/details.html",
        {"review": review, "form": form, "breadcrumbs": breadcrumbs(review)},
    )


def cell(request, pk, prompt):
    review = _editable_for(request, pk)
    ref = reference()
    order = ref.ordered()
    current = next((p for p in order if p.pk == prompt), None)
    if current is None:
        raise Http404
    matrix = build_matrix(review, ref=ref, compare=False)
    view = matrix.cell_for(current.pk)
    options = citable(review)
    initial = {
        "version": review.version,
        "rating": view.rating.value,
        "evidence": view.cell.evidence if view.cell else "",
        "citations": [citation_value(c.kind, c.record) for c in view.cited],
    }
    data = request.POST or None
    form = CellForm(data, initial=initial, citable=options)
    action_form = CellActionForm(data, organisation=review.organisation, prefix="action")
    adding = "add" in request.POST or typed(action_form)
    following = order[order.index(current) + 1] if current != order[-1] else None
    if request.method == "POST" and all_valid(form, action_form if adding else None):
        outcome = save_then_go(
            request,
            lambda: services.save_cell(
                review=review,
                prompt=current,
                expected_version=form.cleaned_data["version"],
                rating=form.cleaned_data["rating"],
                evidence=form.cleaned_data["evidence"],
                citations=form.cited(),
                action=action_form.cleaned_data if adding else None,
                by=request.user,
            ),
            here=reverse("boardtool:cell", args=[review.pk, current.pk]),
            record=review,
            onward=lambda: (
                reverse("boardtool:cell", args=[review.pk, following.pk])
                if following
                else review.get_absolute_url()
            ),
            added="Action added",
        )
        if not isinstance(outcome, str):
            return outcome
        form.add_error(None, outcome)
    return render(
        request,
        "boardtool/cell.html",
        {
            "review": review,
            "prompt": current,
            "view": view,
            "form": form,
            "action_form": action_form,
            "position": order.index(current) + 1,
            "count": len(order),
            "breadcrumbs": breadcrumbs(review),
        },
    )


def check_and_submit(request, pk):
    review = visible(request, pk, Perm.EDIT_RECORDS)
    done, problems = submit_on_post(
        request,
        review,
        waiting=Review.Status.SUBMITTED,
        ensure_editable=ensure_editable,
        submit=lambda: services.submit_review(review=review, by=request.user),
        refused=services.ReviewError,
        links=lambda found: [{"href": "", "text": str(problem)} for problem in found],
        submitted="Review submitted for approval",
    )
    if done:
        return done
    return _matrix_page(request, review, "boardtool/check.html", problems=problems)


def _reviewable(request, pk) -> Review:
    review = visible(request, pk, Perm.APPROVE_RECORDS)
    if request.method != "POST" and not may_review(request.user, review):
        raise PermissionDenied(
            "Only an approver of the organisation who did not write this review can approve "
            "or return it, and only while it waits for approval."
        )
    return review


REVIEWS = {
    "approve": (ApproveForm, services.approve_review, "Review approved"),
    "return": (ReturnForm, services.return_review, "Review returned with comments"),
}


def _review(kind):
    form_class, write, done_message = REVIEWS[kind]

    def view(request, pk):
        review = _reviewable(request, pk)
        form = form_class(request.POST or None, initial={"version": review.version})
        if request.method == "POST" and form.is_valid():
            values = dict(form.cleaned_data)
            version = values.pop("version")
            try:
                write(review=review, expected_version=version, by=request.user, **values)
            except AlreadyDone as already:
                messages.info(request, str(already))
                return redirect(review)
            except Refused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done_message)
                return redirect(review)
        return _matrix_page(request, review, f"boardtool/{kind}.html", form=form)

    return view


approve = _review("approve")
return_review = _review("return")


def new_version(request, pk):
    review = visible(request, pk, Perm.EDIT_RECORDS)
    if review.status != Review.Status.APPROVED:
        raise PermissionDenied("Only an approved review starts a new version")
    return start_from_page(
        request,
        start=lambda: services.start_new_version(review=review, by=request.user),
        already=lambda: review.next_version,
        started=lambda draft: f"Version {draft.version_number} started as a draft",
        template="boardtool/new_version.html",
        context={"review": review, "breadcrumbs": breadcrumbs(review)},
    )


def review_pdf(request, pk):
    review = visible(request, pk)
    approved = review.status == Review.Status.APPROVED
    return pdf_page(
        request,
        key=state_key(review, _cited(review), actions=records.kind_for(Review).actions_of(review))
        if approved
        else None,
        template=PDF_TEMPLATE,
        context=lambda: pdf_context(review),
        filename=pdf_filename("board-assurance", str(review), f"v{review.version_number}"),
    )


def _cited(review):
    """What the PDF says of each cited record (its title and status change after)."""
    citations = [c for cell in review.cells.all() for c in cell.citations.all()]
    found = records.fetch([(c.record_type_id, c.record_id) for c in citations])
    return sorted(
        (key, records.kind_for(type(r)).title(r), records.kind_for(type(r)).status(r))
        for key, r in found.items()
    )


def review_history(request, pk):
    review = visible(request, pk)
    cells = [c.pk for c in review.cells.all()]
    return render_history(
        request,
        title=str(review),
        entries=history_entries(
            review.history.all(),
            Cell.history.filter(review_id=review.pk),
            Citation.history.filter(cell_id__in=cells),
            Action.history.filter(source_type=cell_type(), source_id__in=cells),
        ),
        breadcrumbs=breadcrumbs(review),
    )
