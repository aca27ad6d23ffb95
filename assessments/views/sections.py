"""The pages of an assessment's sections: each saves everything typed on it, then
goes on to the next section that applies (or back to the overview)."""

from functools import partial

from django.http import Http404
from django.urls import reverse

from assessments import services
from assessments.forms import (
    BLANK_PEOPLE_ROWS,
    MAX_PEOPLE,
    AboutForm,
    IntersectionalForm,
    OutcomeForm,
    PeopleFormSet,
    PeopleListForm,
    Stage1SectionForm,
    Stage2ImpactsForm,
)
from assessments.models import Stage1Question, Stage1Section, Stage2Group
from assessments.pages import PAGES
from assessments.report import (
    STAGE2_PAGES,
    build_report,
    next_section,
    section_order,
    section_title,
)
from idmf.actions.forms import ActionForm
from idmf.actions.models import Action
from idmf.core.forms import VersionedForm, all_valid, typed
from idmf.core.permissions import Perm
from idmf.core.views import save_then_go


def _next_url(assessment, slug):
    """Where "save and continue" goes: the next section that applies, then the check page."""
    following = next_section(slug, stage2_required=build_report(assessment).stage2_required)
    if following:
        return reverse("assessments:section", args=[assessment.pk, following])
    return reverse("assessments:check", args=[assessment.pk])


def _save_page(request, assessment, slug, save, *, form, added="Your changes have been saved"):
    """Run `save`; on success go on, back to the overview, or (for "add another") back to
    this page to add more; on refusal say why on `form` (and return None)."""
    return save_then_go(
        request,
        save,
        form=form,
        here=reverse("assessments:section", args=[assessment.pk, slug]),
        record=assessment,
        onward=lambda: _next_url(PAGES.visible(request, assessment.pk), slug),
        added=added,
    )


def section(request, pk, slug):
    if slug not in section_order():
        raise Http404
    # A press reaches the write, which says if the assessment can no longer be changed (it
    # was submitted meanwhile); the page shows back what was typed. The page itself is
    # offered only while the assessment can be changed.
    if request.method == "POST":
        assessment = PAGES.visible(request, pk, Perm.EDIT_RECORDS)
    else:
        assessment = PAGES.editable(request, pk)
    handler = SECTION_HANDLERS[slug.split("-")[0] if slug.startswith("section-") else slug]
    return handler(request, assessment, slug)


def _render_section(request, assessment, slug, template, context):
    return PAGES.render(
        request, template, assessment, slug=slug, section_title=section_title(slug), **context
    )


def _form_page(
    request,
    assessment,
    slug,
    *,
    form,
    write,
    values,
    template="assessments/section_form.html",
    context=None,
):
    """A page of one form. A valid press saves it with `write`, a service's write, given the
    version the page was opened at and `values()`, what the form says."""

    def save():
        version = form.cleaned_data["version"]
        write(assessment=assessment, expected_version=version, by=request.user, **values())

    if request.method == "POST" and form.is_valid():
        response = _save_page(request, assessment, slug, save, form=form)
        if response:
            return response
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
        write=services.save_about,
        values=lambda: {name: form.cleaned_data[name] for name in initial if name != "version"},
    )


def _people(request, assessment, slug):
    people = [{"name": p.name, "job_title": p.job_title} for p in assessment.people.all()]
    # Blank rows to add people ("Add another person" saves and offers more); a row cleared
    # of both fields is removed.
    initial = people + [{}] * min(BLANK_PEOPLE_ROWS, MAX_PEOPLE - len(people))
    formset = PeopleFormSet(request.POST or None, initial=initial, prefix="people")
    pasted = PeopleListForm(request.POST or None, prefix="list")
    version_form = VersionedForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST" and all_valid(formset, pasted, version_form):
        entered = [
            (f.cleaned_data["name"].strip(), f.cleaned_data["job_title"].strip())
            for f in formset
            if f.cleaned_data.get("name", "").strip()
        ] + pasted.people
        response = _save_page(
            request,
            assessment,
            slug,
            lambda: services.save_people(
                assessment=assessment,
                expected_version=version_form.cleaned_data["version"],
                people=entered,
                by=request.user,
            ),
            form=version_form,
        )
        if response:
            return response
    for error in formset.non_form_errors() if formset.is_bound else []:
        version_form.add_error(None, error)  # e.g. too many people: said, never dropped
    return _render_section(
        request,
        assessment,
        slug,
        "assessments/section_people.html",
        {"formset": formset, "pasted": pasted, "form": version_form, "max_people": MAX_PEOPLE},
    )


def _rows_section(request, assessment, slug, *, form_class, rows, saved, write, **page):
    """A page of rows (questions or groups) saved together by `write`."""
    form = form_class(
        request.POST or None, initial={"version": assessment.version}, rows=rows, saved=saved
    )
    return _form_page(
        request,
        assessment,
        slug,
        form=form,
        write=write,
        values=lambda: {"values": form.values()},
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
        write=services.save_stage1_answers,
        template="assessments/section_stage1.html",
        context={"section": section_obj},
    )


def _stage2_groups(request, assessment, slug):
    kind = {page: kind for kind, page in STAGE2_PAGES.items()}[slug]
    return _rows_section(
        request,
        assessment,
        slug,
        form_class=partial(Stage2ImpactsForm, organisation=assessment.organisation),
        rows=list(Stage2Group.objects.filter(kind=kind)),
        saved={i.group_id: i for i in assessment.impacts.all()},
        write=services.save_stage2_impacts,
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
            write=services.save_stage2_fields,
            values=lambda: {"values": {n: form.cleaned_data[n] for n in names}, "reason": reason},
        )

    return handler


def _actions(request, assessment, slug):
    """The action plan: an action typed here is added by whichever button is pressed."""
    form = ActionForm(request.POST or None, organisation=assessment.organisation)
    version_form = VersionedForm(request.POST or None, initial={"version": assessment.version})
    adding = "add" in request.POST or typed(form)

    def save():
        if adding:
            services.add_assessment_action(
                assessment=assessment, by=request.user, **form.cleaned_data
            )

    if request.method == "POST" and all_valid(version_form, form if adding else None):
        added = f"Action added: {form.cleaned_data['title']}" if adding else ""
        response = _save_page(request, assessment, slug, save, form=form, added=added)
        if response:
            return response
    return _render_section(
        request,
        assessment,
        slug,
        "assessments/section_actions.html",
        {
            "form": form,
            "version_form": version_form,
            "actions": Action.objects.raised_by(assessment).select_related("organisation"),
        },
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
