"""Pages about an assessment as a whole: the list, starting one, its overview, check
and submit, approve or return, new versions, the PDF and the history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from assessments import services
from assessments.changes import changes_since_return
from assessments.forms import (
    ApproveForm,
    AssessmentFilterForm,
    NewAssessmentForm,
    ReturnForm,
    ReviewCommentForm,
)
from assessments.models import Assessment
from assessments.report import PDF_TEMPLATE, build_report, pdf_context, problem_links
from assessments.views.access import breadcrumbs, ensure_editable, may_review, visible
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_entries
from idmf.core.models import person_name
from idmf.core.pagination import render_filtered_list
from idmf.core.pdf import pdf_filename, pdf_page, state_key
from idmf.core.permissions import (
    Perm,
    has_permission_anywhere,
    may,
    require_permission,
    visible_to,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import (
    render_history,
    start_from_page,
    start_record_page,
    submit_on_post,
)

ASSESSMENTS_CSV = CsvExport(
    name="ehiiras",
    columns=[
        ("Title", lambda a, _: a.title),
        ("Organisation", lambda a, _: a.organisation.name),
        ("Author", lambda a, _: person_name(a.created_by)),
        ("Status", lambda a, _: a.get_status_display()),
        ("Version", lambda a, _: a.version_number),
        ("Stage 2 outcome", lambda a, _: a.get_outcome_display()),
        ("Approved on", lambda a, _: when(a.approved_on)),
        ("Last changed", lambda a, _: when(a.updated_at)),
        LINK,
    ],
)


def assessment_list(request):
    return render_filtered_list(
        request,
        form=AssessmentFilterForm(request.GET, user=request.user),
        queryset=visible_to(request.user, Assessment.objects.all()).select_related(
            "organisation", "created_by"
        ),
        order_by=["-updated_at", "-pk"],
        template="assessments/assessment_list.html",
        context={
            "may_create": has_permission_anywhere(request.user, Perm.EDIT_RECORDS),
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
        export=ASSESSMENTS_CSV,
        columns=[
            "title",
            "version_number",
            "status",
            "updated_at",
            "organisation__name",
            *(f"created_by__{name}" for name in ("username", "first_name", "last_name")),
        ],
    )


@require_permission(Perm.EDIT_RECORDS)
def assessment_new(request):
    def start(data):
        assessment = services.create_assessment(by=request.user, **data)
        return reverse("assessments:section", args=[assessment.pk, "about"])

    return start_record_page(
        request,
        form=NewAssessmentForm(request.POST or None, user=request.user),
        start=start,
        started="Assessment started",
        template="assessments/assessment_new.html",
        breadcrumbs=breadcrumbs(),
    )


def assessment_detail(request, pk):
    assessment = visible(request, pk)
    report = build_report(assessment)
    may_edit = assessment.is_editable and may(request.user, Perm.EDIT_RECORDS, assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "report": report,
            "may_edit": may_edit,
            "may_review": may_review(request.user, assessment),
            "review_form": ReviewCommentForm(stage2_required=report.stage2_required)
            if may_review(request.user, assessment)
            else None,
            "changes": changes_since_return(assessment),
            "may_new_version": assessment.status == Assessment.Status.APPROVED
            and not hasattr(assessment, "next_version")
            and may(request.user, Perm.EDIT_RECORDS, assessment),
            "breadcrumbs": breadcrumbs(),
        },
    )


def check_answers(request, pk):
    assessment = visible(request, pk, Perm.EDIT_RECORDS)
    done, problems = submit_on_post(
        request,
        assessment,
        waiting=Assessment.Status.SUBMITTED,
        ensure_editable=ensure_editable,
        submit=lambda: services.submit_assessment(assessment=assessment, by=request.user),
        refused=services.SubmissionRefused,
        links=lambda found: problem_links(assessment, found),
        submitted="Assessment submitted for approval",
    )
    if done:
        return done
    report = build_report(assessment)
    return render(
        request,
        "assessments/check_answers.html",
        {
            "assessment": assessment,
            "report": report,
            "problems": problems,
            "outstanding": problem_links(assessment, report.problems),
            "breadcrumbs": breadcrumbs(assessment),
        },
    )


def _reviewable(request, pk, *, done: str):
    """The assessment, for an approver to review. A second press of Approve or Return
    (`done` is the status it leads to) reaches the service, which says it is done."""
    assessment = visible(request, pk, Perm.APPROVE_RECORDS)
    pressed_again = request.method == "POST" and assessment.status == done
    if not (may_review(request.user, assessment) or pressed_again):
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
            "breadcrumbs": breadcrumbs(assessment),
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


def new_version(request, pk):
    assessment = visible(request, pk, Perm.EDIT_RECORDS)
    return start_from_page(
        request,
        start=lambda: services.start_new_version(assessment=assessment, by=request.user),
        already=lambda: assessment.next_version,
        started=lambda draft: f"Version {draft.version_number} started as a draft",
        template="assessments/new_version.html",
        context={"assessment": assessment, "breadcrumbs": breadcrumbs(assessment)},
    )


def assessment_pdf(request, pk):
    assessment = visible(request, pk)
    approved = assessment.status == Assessment.Status.APPROVED
    return pdf_page(
        request,
        key=state_key(assessment) if approved else None,
        template=PDF_TEMPLATE,
        context=lambda: pdf_context(assessment),
        filename=pdf_filename("ehiira", assessment.title, f"v{assessment.version_number}"),
    )


def assessment_history(request, pk):
    assessment = visible(request, pk)
    parts = [
        assessment.history.all(),
        assessment.people.model.history.filter(assessment_id=assessment.pk),
        assessment.answers.model.history.filter(assessment_id=assessment.pk),
        assessment.impacts.model.history.filter(assessment_id=assessment.pk),
    ]
    return render_history(
        request,
        title=assessment.title,
        entries=history_entries(*parts),
        breadcrumbs=breadcrumbs(assessment),
    )
