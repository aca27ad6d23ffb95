from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.forms import (
    AboutForm,
    ApproveForm,
    AssessmentFilterForm,
    IntersectionalForm,
    NewAssessmentForm,
    OutcomeForm,
    PeopleFormSet,
    ReturnForm,
    Stage1SectionForm,
    Stage2ImpactsForm,
    VersionedForm,
)
from assessments.models import Assessment, Stage1Question, Stage1Section, Stage2Group
from assessments.report import (
    STAGE2_PAGES,
    actions_for,
    build_report,
    section_title,
    with_parts,
)
from idmf.forms import ActionForm
from idmf.history import history_entries
from idmf.pagination import render_filtered_list
from idmf.pdf import pdf_filename, pdf_response, render_pdf
from idmf.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission,
    has_permission_anywhere,
    require_permission,
    visible_to,
)
from idmf.views import render_history, tool_breadcrumbs

STAGE1_SLUGS = [f"section-{n}" for n in range(1, 5)]
STAGE2_SLUGS = ["protected", "inclusion", "intersectional", "actions", "outcome"]
SECTION_ORDER = ["about", "people", *STAGE1_SLUGS, *STAGE2_SLUGS]


def _breadcrumbs(assessment=None):
    return tool_breadcrumbs("Assessments", "assessments:index", assessment)


def _visible(request, pk, permission=Perm.VIEW_RECORDS) -> Assessment:
    return get_for_user_or_404(request.user, with_parts(Assessment.objects), permission, pk=pk)


def _editable(request, pk) -> Assessment:
    assessment = _visible(request, pk, Perm.EDIT_RECORDS)
    if not assessment.is_editable:
        raise PermissionDenied(
            f"This assessment is {assessment.get_status_display().lower()}, so it cannot be "
            "changed. An approved assessment can be changed by starting a new version."
        )
    return assessment


def _may_review(user, assessment) -> bool:
    return (
        assessment.status == Assessment.Status.SUBMITTED
        and assessment.created_by_id != user.pk
        and has_permission(user, Perm.APPROVE_RECORDS, assessment.organisation)
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
    )


@require_permission(Perm.EDIT_RECORDS)
def assessment_new(request):
    form = NewAssessmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        assessment = services.create_assessment(by=request.user, **form.cleaned_data)
        messages.success(request, "Assessment started")
        return redirect("assessments:section", pk=assessment.pk, slug="about")
    return render(
        request,
        "assessments/assessment_new.html",
        {"form": form, "breadcrumbs": _breadcrumbs()},
    )


def assessment_detail(request, pk):
    assessment = _visible(request, pk)
    report = build_report(assessment)
    may_edit = assessment.is_editable and has_permission(
        request.user, Perm.EDIT_RECORDS, assessment.organisation
    )
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "report": report,
            "may_edit": may_edit,
            "may_review": _may_review(request.user, assessment),
            "may_new_version": assessment.status == Assessment.Status.APPROVED
            and not hasattr(assessment, "next_version")
            and has_permission(request.user, Perm.EDIT_RECORDS, assessment.organisation),
            "breadcrumbs": _breadcrumbs(),
        },
    )


def _next_url(assessment, slug):
    """Where "save and continue" goes: the next section that applies, then the check page."""
    following = SECTION_ORDER[SECTION_ORDER.index(slug) + 1 :]
    if following and (following[0] not in STAGE2_SLUGS or build_report(assessment).stage2_required):
        return reverse("assessments:section", args=[assessment.pk, following[0]])
    return reverse("assessments:check", args=[assessment.pk])


def _save_page(request, assessment, slug, save):
    """Run `save`; on success go on (or back to the overview); on refusal say why."""
    try:
        save()
    except services.AssessmentError as error:
        return str(error)
    if "later" in request.POST:
        messages.success(request, "Your changes have been saved. You can come back later.")
        return redirect(assessment)
    return redirect(_next_url(_visible(request, assessment.pk), slug))


def section(request, pk, slug):
    if slug not in SECTION_ORDER:
        raise Http404
    assessment = _editable(request, pk)
    handler = SECTION_HANDLERS[slug.split("-")[0] if slug.startswith("section-") else slug]
    return handler(request, assessment, slug)


def _render_section(request, assessment, slug, template, context):
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "slug": slug,
            "section_title": section_title(slug),
            "breadcrumbs": _breadcrumbs(assessment),
            **context,
        },
    )


def _form_page(request, assessment, slug, *, form, template, save, context=None):
    if request.method == "POST" and form.is_valid():
        outcome = _save_page(request, assessment, slug, lambda: save(form.cleaned_data))
        if not isinstance(outcome, str):
            return outcome
        form.add_error(None, outcome)
    return _render_section(request, assessment, slug, template, {"form": form, **(context or {})})


def _about(request, assessment, slug):
    initial = {
        "version": assessment.version,
        "title": assessment.title,
        "service_area": assessment.service_area,
        "overview": assessment.overview,
        "services": list(assessment.services.all()),
    }
    form = AboutForm(request.POST or None, initial=initial, organisation=assessment.organisation)
    return _form_page(
        request,
        assessment,
        slug,
        form=form,
        template="assessments/section_form.html",
        save=lambda data: services.save_about(
            assessment=assessment,
            expected_version=data["version"],
            title=data["title"],
            service_area=data["service_area"],
            overview=data["overview"],
            services=data["services"],
            by=request.user,
        ),
    )


def _people(request, assessment, slug):
    people = [{"name": p.name, "job_title": p.job_title} for p in assessment.people.all()]
    # Two blank rows to add people; a row cleared of both fields is removed.
    initial = people + [{}, {}]
    formset = PeopleFormSet(request.POST or None, initial=initial, prefix="people")
    version_form = VersionedForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST" and formset.is_valid() and version_form.is_valid():
        entered = [
            (f.cleaned_data["name"].strip(), f.cleaned_data["job_title"].strip())
            for f in formset
            if f.cleaned_data.get("name", "").strip()
        ]
        outcome = _save_page(
            request,
            assessment,
            slug,
            lambda: services.save_people(
                assessment=assessment,
                expected_version=version_form.cleaned_data["version"],
                people=entered,
                by=request.user,
            ),
        )
        if not isinstance(outcome, str):
            return outcome
        version_form.add_error(None, outcome)
    return _render_section(
        request,
        assessment,
        slug,
        "assessments/section_people.html",
        {"formset": formset, "form": version_form},
    )


def _rows_section(request, assessment, slug, *, form_class, rows, saved, save, **page):
    """A page of rows (questions or groups) saved together by `save`."""
    form = form_class(
        request.POST or None, initial={"version": assessment.version}, rows=rows, saved=saved
    )
    return _form_page(
        request,
        assessment,
        slug,
        form=form,
        save=lambda data: save(
            assessment=assessment,
            expected_version=data["version"],
            values=form.values(),
            by=request.user,
        ),
        **page,
    )


def _stage1(request, assessment, slug):
    section_obj = Stage1Section.objects.get(number=int(slug.removeprefix("section-")))
    return _rows_section(
        request,
        assessment,
        slug,
        form_class=Stage1SectionForm,
        rows=list(Stage1Question.objects.filter(section=section_obj)),
        saved={a.question_id: a for a in assessment.answers.all()},
        save=services.save_stage1_answers,
        template="assessments/section_stage1.html",
        context={"section": section_obj},
    )


def _stage2_groups(request, assessment, slug):
    kind = {page: kind for kind, page in STAGE2_PAGES.items()}[slug]
    return _rows_section(
        request,
        assessment,
        slug,
        form_class=Stage2ImpactsForm,
        rows=list(Stage2Group.objects.filter(kind=kind)),
        saved={i.group_id: i for i in assessment.impacts.all()},
        save=services.save_stage2_impacts,
        template="assessments/section_stage2_groups.html",
        context={"kind_label": Stage2Group.Kind(kind).label},
    )


def _stage2_fields(form_class, reason):
    def handler(request, assessment, slug):
        names = [name for name in form_class.base_fields if name != "version"]
        initial = {"version": assessment.version} | {n: getattr(assessment, n) for n in names}
        form = form_class(request.POST or None, initial=initial)
        return _form_page(
            request,
            assessment,
            slug,
            form=form,
            template="assessments/section_form.html",
            save=lambda data: services.save_stage2_fields(
                assessment=assessment,
                expected_version=data["version"],
                values={n: data[n] for n in names},
                reason=reason,
                by=request.user,
            ),
        )

    return handler


def _actions(request, assessment, slug):
    form = ActionForm(request.POST or None)
    if request.method == "POST" and "continue" in request.POST:
        return redirect(_next_url(assessment, slug))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_assessment_action(
                assessment=assessment, by=request.user, **form.cleaned_data
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Action added: {form.cleaned_data['title']}")
            return redirect("assessments:section", pk=assessment.pk, slug=slug)
    return _render_section(
        request,
        assessment,
        slug,
        "assessments/section_actions.html",
        {"form": form, "actions": actions_for(assessment).select_related("organisation")},
    )


SECTION_HANDLERS = {
    "about": _about,
    "people": _people,
    "section": _stage1,
    "protected": _stage2_groups,
    "inclusion": _stage2_groups,
    "intersectional": _stage2_fields(IntersectionalForm, "Intersectional impact saved"),
    "actions": _actions,
    "outcome": _stage2_fields(OutcomeForm, "Overall outcome saved"),
}


def _problem_links(assessment, problems):
    grouped_fields = ("-answer", "-impact", "outcome")
    links = []
    for problem in problems:
        anchor = f"id_{problem.field}"
        if problem.field.endswith(grouped_fields):
            anchor += "_0"
        if problem.section == "people":
            anchor = "id_people-0-name"
        url = reverse("assessments:section", args=[assessment.pk, problem.section])
        links.append({"href": f"{url}#{anchor}", "text": problem.message})
    return links


def check_answers(request, pk):
    assessment = _editable(request, pk)
    report = build_report(assessment)
    problems = []
    if request.method == "POST":
        try:
            services.submit_assessment(assessment=assessment, by=request.user)
        except services.SubmissionRefused as refused:
            problems = _problem_links(assessment, refused.problems)
        except services.AssessmentError as error:
            problems = [{"href": "", "text": str(error)}]
        else:
            messages.success(request, "Assessment submitted for approval")
            return redirect(assessment)
    return render(
        request,
        "assessments/check_answers.html",
        {
            "assessment": assessment,
            "report": report,
            "problems": problems,
            "outstanding": _problem_links(assessment, report.problems),
            "breadcrumbs": _breadcrumbs(assessment),
        },
    )


def _review_page(request, pk, *, form_class, initial, act, template, done_message):
    assessment = _visible(request, pk, Perm.APPROVE_RECORDS)
    if not _may_review(request.user, assessment):
        raise PermissionDenied(
            "Only an approver who did not write this assessment can review it, and only "
            "while it is waiting for approval."
        )
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            act(assessment, form.cleaned_data)
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done_message)
            return redirect(assessment)
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "form": form,
            "report": build_report(assessment),
            "breadcrumbs": _breadcrumbs(assessment),
        },
    )


def approve(request, pk):
    user = request.user
    return _review_page(
        request,
        pk,
        form_class=ApproveForm,
        initial={
            "approver_name": user.get_full_name(),
            "approver_role": "Equality and Inclusion Business Partner",
            "approved_on": timezone.localdate(),
        },
        act=lambda assessment, data: services.approve_assessment(
            assessment=assessment, by=user, **data
        ),
        template="assessments/approve.html",
        done_message="Assessment approved",
    )


def return_to_author(request, pk):
    return _review_page(
        request,
        pk,
        form_class=ReturnForm,
        initial={},
        act=lambda assessment, data: services.return_assessment(
            assessment=assessment,
            comment=data["comment"],
            require_stage2=data["require_stage2"],
            by=request.user,
        ),
        template="assessments/return.html",
        done_message="Assessment returned to the author",
    )


def new_version(request, pk):
    assessment = _visible(request, pk, Perm.EDIT_RECORDS)
    if request.method == "POST":
        try:
            draft = services.start_new_version(assessment=assessment, by=request.user)
        except services.AssessmentError as error:
            raise PermissionDenied(str(error)) from None
        messages.success(request, f"Version {draft.version_number} started as a draft")
        return redirect(draft)
    return render(
        request,
        "assessments/new_version.html",
        {"assessment": assessment, "breadcrumbs": _breadcrumbs(assessment)},
    )


def assessment_pdf(request, pk):
    assessment = _visible(request, pk)
    pdf = render_pdf(
        "assessments/pdf/assessment.html",
        {
            "assessment": assessment,
            "organisation": assessment.organisation,
            "report": build_report(assessment),
            "record_title": assessment.title,
        },
    )
    return pdf_response(
        pdf, pdf_filename("ehiira", assessment.title, f"v{assessment.version_number}")
    )


def assessment_history(request, pk):
    assessment = _visible(request, pk)
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
        breadcrumbs=_breadcrumbs(assessment),
    )
