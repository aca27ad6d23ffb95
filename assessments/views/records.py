"""Pages about an assessment as a whole that are its own: its overview, check and submit,
approve or return. Starting one, its list, new versions, PDF and history are the shared
record pages (`assessments.pages`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from assessments import services
from assessments.changes import changes_since_return
from assessments.forms import (
    ApproveForm,
    ReturnForm,
    ReviewCommentForm,
)
from assessments.models import Assessment
from assessments.pages import PAGES
from assessments.report import build_report, problem_links
from idmf.core.permissions import (
    Perm,
)
from idmf.core.services import AlreadyDone, Refused


def assessment_detail(request, pk):
    assessment = PAGES.visible(request, pk)
    report = build_report(assessment)
    may_edit = PAGES.may_edit(request.user, assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "report": report,
            "may_edit": may_edit,
            "may_review": PAGES.may_review(request.user, assessment),
            "review_form": ReviewCommentForm(stage2_required=report.stage2_required)
            if PAGES.may_review(request.user, assessment)
            else None,
            "changes": changes_since_return(assessment),
            "may_new_version": PAGES.may_start_new_version(request.user, assessment),
            "breadcrumbs": PAGES.breadcrumbs(),
        },
    )


def check_answers(request, pk):
    assessment = PAGES.visible(request, pk, Perm.EDIT_RECORDS)

    def page(problems):
        report = build_report(assessment)
        return PAGES.render(
            request,
            "assessments/check_answers.html",
            assessment,
            report=report,
            problems=problems,
            outstanding=problem_links(assessment, report.problems),
        )

    return PAGES.check_and_submit(
        request, assessment, links=lambda found: problem_links(assessment, found), render_page=page
    )


def _reviewable(request, pk, *, done: str):
    """The assessment, for an approver to review. A second press of Approve or Return
    (`done` is the status it leads to) reaches the service, which says it is done."""
    assessment = PAGES.visible(request, pk, Perm.APPROVE_RECORDS)
    pressed_again = request.method == "POST" and assessment.status == done
    if not (PAGES.may_review(request.user, assessment) or pressed_again):
        raise PermissionDenied(
            "Only an approver who did not write this assessment can review it, and only "
            "while it is waiting for approval."
        )
    return assessment


def _review_page(request, assessment, *, form, act, template, done_message):
    if form.is_bound and form.is_valid():
        try:
            act(form.cleaned_data)
        except AlreadyDone as already:
            messages.info(request, str(already))
            return redirect(assessment)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done_message)
            return redirect(assessment)
    report = build_report(assessment)
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "form": form,
            "report": report,
            "changes": changes_since_return(assessment),
            "breadcrumbs": PAGES.breadcrumbs(assessment),
        },
    )


def approve(request, pk):
    """Approving is final, so it has a page of its own that says so. The comment typed at
    the end of the assessment comes here with the approver (`from_review`)."""
    assessment = _reviewable(request, pk, done=Assessment.Status.APPROVED)
    initial = {"approver_role": "Equality and Inclusion Business Partner"}
    if "from_review" in request.POST:
        form = ApproveForm(initial=initial | {"comment": request.POST.get("comment", "")})
    else:
        form = ApproveForm(request.POST or None, initial=initial)
    return _review_page(
        request,
        assessment,
        form=form,
        act=lambda data: services.approve_assessment(
            assessment=assessment,
            comment=data["comment"],
            approver_role=data["approver_role"],
            on_behalf_of=data["on_behalf_of"],
            by=request.user,
        ),
        template="assessments/approve.html",
        done_message="Assessment approved",
    )


def return_to_author(request, pk):
    assessment = _reviewable(request, pk, done=Assessment.Status.RETURNED)
    required = build_report(assessment).stage2_required
    return _review_page(
        request,
        assessment,
        form=ReturnForm(request.POST or None, stage2_required=required),
        act=lambda data: services.return_assessment(
            assessment=assessment,
            comment=data["comment"],
            require_stage2=data.get("require_stage2", False),
            by=request.user,
        ),
        template="assessments/return.html",
        done_message="Assessment returned to the author",
    )
