"""The pages where the EDS lead's team drafts a report: its details, the Domain 1
services, one page per domain and the action plan. Each saves everything typed on it,
then goes on to the next page (or back to the overview)."""

from django.http import Http404
from django.urls import reverse

from eds import services
from eds.forms import GradesForm, HeaderForm, PlanActionForm, PlanForm, ServicesForm
from eds.pages import PAGES as REPORT_PAGES
from eds.report import Report, built
from eds.views.access import draftable, editable
from idmf.core.forms import all_valid, typed
from idmf.core.status import TaskStatus
from idmf.core.views import save_then_go

PAGES = ["about", "services", "domain-1", "domain-2", "domain-3", "actions"]
TITLES = {
    "about": "About the report",
    "services": "Services for Domain 1",
    "actions": "Action plan",
}


def page_title(slug: str, content: Report) -> str:
    """A domain page is titled as the reference data names the domain."""
    if slug.startswith("domain-"):
        return str(content.domains[int(slug.removeprefix("domain-")) - 1].domain)
    return TITLES[slug]


def problem_links(report, problems) -> list[dict]:
    """Each problem as an error-summary link to the page that fixes it."""
    links = []
    for problem in problems:
        page = problem.field if problem.field in PAGES else ""
        href = reverse("eds:page", args=[report.pk, page]) if page else ""
        links.append({"href": href, "text": str(problem)})
    return links


def _status(done: bool, started: bool) -> TaskStatus:
    if done:
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_STARTED


def tasks(report, content: Report) -> list[dict]:
    pages_with_problems = {problem.field for problem in content.problems}
    statuses = {
        "about": _status(
            bool(report.board_sponsor and report.eds_lead),
            bool(report.board_sponsor or report.eds_lead or report.completed_actions),
        ),
        "services": _status("services" not in pages_with_problems, bool(content.services)),
        "actions": _status(
            all(row.objective and row.objective.text for row in content.plan),
            any(row.objective and row.objective.text or row.actions for row in content.plan),
        ),
    }
    for number in (1, 2, 3):
        page = f"domain-{number}"
        rows = content.domains[number - 1].rows
        started = any(part.grade for row in rows for part in row.parts)
        statuses[page] = _status(page not in pages_with_problems and started, started)
    if "services" in pages_with_problems and report.per_service:
        statuses["domain-1"] = (
            TaskStatus.CANNOT_START if not content.services else statuses["domain-1"]
        )
    return [
        {
            "id": page,
            "title": page_title(page, content),
            "href": reverse("eds:page", args=[report.pk, page])
            if statuses[page].has_link and statuses[page] is not TaskStatus.CANNOT_START
            else "",
            "status": statuses[page],
            "hint": "Choose the services first"
            if statuses[page] is TaskStatus.CANNOT_START
            else "",
        }
        for page in PAGES
    ]


def _next_url(report, slug):
    following = PAGES.index(slug) + 1
    if following < len(PAGES):
        return reverse("eds:page", args=[report.pk, PAGES[following]])
    return reverse("eds:check", args=[report.pk])


def _saved(request, report, slug, save, *, form):
    """Run `save`; then go on, back to the overview, or (to add more) back to this page.
    A refusal is said on `form`, and None returned."""
    return save_then_go(
        request,
        save,
        form=form,
        here=reverse("eds:page", args=[report.pk, slug]),
        record=report,
        onward=lambda: _next_url(report, slug),
        added="Action added",
    )


def page(request, pk, slug):
    if slug not in PAGES:
        raise Http404
    # A press of a button reaches the write, which says if the report can no longer be
    # changed; the page shows back what was typed. The page itself is offered only while
    # the report is a draft.
    report = draftable(request, pk) if request.method == "POST" else editable(request, pk)
    content = built(report)  # with last year's scores beside, for a report that follows one
    handler = HANDLERS[slug.split("-")[0]]
    return handler(request, report, content, slug)


def _render(request, report, slug, template, context):
    title = page_title(slug, context["content"])
    return REPORT_PAGES.render(request, template, report, slug=slug, page_title=title, **context)


def _form_page(request, report, slug, *, form, save, context, template="eds/page_form.html"):
    if request.method == "POST" and form.is_valid():
        response = _saved(request, report, slug, lambda: save(form.cleaned_data), form=form)
        if response:
            return response
    return _render(request, report, slug, template, {"form": form, **context})


def _fields_page(request, report, slug, *, form, write, context):
    """A page whose fields are the write's own arguments (and the version it opened)."""

    def save(data):
        values = dict(data)
        version = values.pop("version")
        return write(report=report, expected_version=version, by=request.user, **values)

    return _form_page(request, report, slug, form=form, save=save, context=context)


def _about(request, report, content, slug):
    initial = {
        "version": report.version,
        "board_sponsor": report.board_sponsor,
        "eds_lead": report.eds_lead,
        "completed_by": report.completed_by,
        "partners": list(report.partners.all()),
        "completed_actions": report.completed_actions,
    }
    form = HeaderForm(request.POST or None, initial=initial, organisation=report.organisation)
    return _fields_page(
        request, report, slug, form=form, write=services.save_header, context={"content": content}
    )


def _services(request, report, content, slug):
    initial = {
        "version": report.version,
        "services": list(report.services.all()),
        "core20plus5_services": list(report.core20plus5_services.all()),
        "domain1_grading": report.domain1_grading,
        "method": report.method,
    }
    offered = services.services_offered(report.organisation)
    form = ServicesForm(request.POST or None, initial=initial, offered=offered)
    return _fields_page(
        request,
        report,
        slug,
        form=form,
        write=services.save_services,
        context={"offered": offered, "content": content},
    )


def _domain(request, report, content, slug):
    number = int(slug.removeprefix("domain-"))
    table = content.domains[number - 1]
    form = GradesForm(
        request.POST or None,
        initial={"version": report.version},
        rows=table.rows,
        organisation=report.organisation,
    )
    return _form_page(
        request,
        report,
        slug,
        form=form,
        template="eds/page_grades.html",
        save=lambda data: services.save_grades(
            report=report, expected_version=data["version"], values=form.values(), by=request.user
        ),
        context={
            "content": content,
            "table": table,
            "card": content.card,
            "no_services": number == 1 and report.per_service and not content.services,
        },
    )


def _actions(request, report, content, slug):
    """The action plan: the objectives, and an action typed here is added by whichever
    button is pressed."""
    data = request.POST or None
    form = PlanForm(data, initial={"version": report.version}, plan=content.plan)
    action_form = PlanActionForm(
        data, plan=content.plan, organisation=report.organisation, prefix="action"
    )
    adding = "add" in request.POST or typed(action_form)
    if request.method == "POST" and all_valid(form, action_form if adding else None):
        response = _saved(
            request,
            report,
            slug,
            lambda: services.save_action_plan(
                report=report,
                expected_version=form.cleaned_data["version"],
                objectives=form.values(),
                action=action_form.action() if adding else None,
                by=request.user,
            ),
            form=form,
        )
        if response:
            return response
    return _render(
        request,
        report,
        slug,
        "eds/page_actions.html",
        {"form": form, "action_form": action_form, "content": content},
    )


HANDLERS = {"about": _about, "services": _services, "domain": _domain, "actions": _actions}
