"""Board assurance reviews, the pages that are their own: the matrix, each cell's page, the
scorecard, check and submit, approve or return. Starting one, the list, new versions, the PDF
and the history are the shared record pages (`boardtool.pages`)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from boardtool import services
from boardtool.forms import (
    CellActionForm,
    CellForm,
    DetailsForm,
    citation_value,
)
from boardtool.models import Review
from boardtool.pages import PAGES
from boardtool.report import (
    build_matrix,
    citable,
    reference,
)
from idmf.core.forms import all_valid, typed
from idmf.core.permissions import (
    Perm,
)
from idmf.core.views import (
    save_then_go,
)


def _matrix_page(request, review, template, **context):
    return render(
        request,
        template,
        {
            "review": review,
            "matrix": build_matrix(review),
            "breadcrumbs": PAGES.breadcrumbs()
            if template == "boardtool/review_detail.html"
            else PAGES.breadcrumbs(review),
            **context,
        },
    )


def review_detail(request, pk):
    review = PAGES.visible(request, pk)
    may_edit = PAGES.may_edit(request.user, review)
    return _matrix_page(
        request,
        review,
        "boardtool/review_detail.html",
        may_edit=may_edit,
        may_review=PAGES.may_review(request.user, review),
        may_new_version=PAGES.may_start_new_version(request.user, review),
    )


def scorecard(request, pk):
    return _matrix_page(request, PAGES.visible(request, pk), "boardtool/scorecard.html")


def _editable_for(request, pk) -> Review:
    """For a page that edits: offered only while a draft; a press always reaches the
    write, which says if it is too late (and the page shows back what was typed)."""
    review = PAGES.visible(request, pk, Perm.EDIT_RECORDS)
    return review if request.method == "POST" else PAGES.ensure_editable(review)


def details(request, pk):
    review = _editable_for(request, pk)
    initial = {name: getattr(review, name) for name in services.DETAILS}
    form = DetailsForm(request.POST or None, initial=initial | {"version": review.version})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        response = save_then_go(
            request,
            lambda: services.save_details(
                review=review, expected_version=version, by=request.user, **values
            ),
            form=form,
            here=reverse("boardtool:details", args=[review.pk]),
            record=review,
            onward=lambda: review.get_absolute_url(),
        )
        if response:
            return response
    return render(
        request,
        "boardtool/details.html",
        {"review": review, "form": form, "breadcrumbs": PAGES.breadcrumbs(review)},
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
        response = save_then_go(
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
            form=form,
            here=reverse("boardtool:cell", args=[review.pk, current.pk]),
            record=review,
            onward=lambda: (
                reverse("boardtool:cell", args=[review.pk, following.pk])
                if following
                else review.get_absolute_url()
            ),
            added="Action added",
        )
        if response:
            return response
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
            "breadcrumbs": PAGES.breadcrumbs(review),
        },
    )


def check_and_submit(request, pk):
    review = PAGES.visible(request, pk, Perm.EDIT_RECORDS)
    return PAGES.check_and_submit(
        request,
        review,
        links=lambda found: [{"href": "", "text": str(problem)} for problem in found],
        render_page=lambda problems: _matrix_page(
            request, review, "boardtool/check.html", problems=problems
        ),
    )


def _review(kind):
    def view(request, pk):
        review = PAGES.reviewable(
            request,
            PAGES.visible(request, pk, Perm.APPROVE_RECORDS),
            refusal="Only an approver of the organisation who did not write this review can "
            "approve or return it, and only while it waits for approval.",
        )
        return PAGES.review_view(
            request,
            review,
            kind,
            render_page=lambda template, form: _matrix_page(request, review, template, form=form),
        )

    return view


approve = _review("approve")
return_review = _review("return")
