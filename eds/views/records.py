"""Pages about an EDS report as a whole: the list with each organisation's standing for the
year, starting one, its overview, the score card, check and submit, authorise or return,
publish, next year's report and corrections, the PDF and the history."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from eds import rules, services
from eds.forms import AuthoriseForm, NewReportForm, ReportFilterForm, ReturnForm
from eds.models import EdsReport, Objective, OutcomeGrade
from eds.report import (
    PDF_TEMPLATE,
    built,
    objective_type,
    page_context,
    pdf_context,
    plan_actions,
    previous_year_of,
    reference_domains,
)
from eds.views.access import (
    DRAFTERS,
    approvable,
    breadcrumbs,
    draftable,
    ensure_editable,
    may_draft,
    may_draft_in,
    may_review,
    visible,
)
from eds.views.pages import problem_links, tasks
from idmf.core.dates import nhs_date
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_entries
from idmf.core.models import Action
from idmf.core.pagination import render_filtered_list
from idmf.core.pdf import pdf_filename, pdf_page, state_key
from idmf.core.permissions import (
    Perm,
    has_permission,
    has_permission_anywhere,
    organisations_for,
    visible_to,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.status import Tag
from idmf.core.views import render_history, start_from_page, submit_on_post


def _standing(user, year: str) -> list[SimpleNamespace]:
    """Each organisation the user can see, with its report for `year` (the latest version)
    and whether it is late for publication by 28 February."""
    organisations = list(organisations_for(user))
    latest, published = {}, {}
    for report in EdsReport.objects.filter(organisation__in=organisations, year=year).order_by(
        "version_number"
    ):
        latest[report.organisation_id] = report
        if report.is_published:  # a correction in draft leaves its original published
            published[report.organisation_id] = report
    late = timezone.localdate() > rules.publication_deadline(year)
    rows = []
    for organisation in organisations:
        report = latest.get(organisation.pk)
        rows.append(
            SimpleNamespace(
                organisation=organisation,
                report=report,
                tag=report.tag if report else Tag("Not started", "white"),
                published=published.get(organisation.pk),
                late=late and organisation.pk not in published,
            )
        )
    return rows


REPORTS_CSV = CsvExport(
    name="eds-reports",
    columns=[
        ("Organisation", lambda r, _: r.organisation.name),
        ("Reporting year", lambda r, _: r.year),
        ("Status", lambda r, _: r.get_status_display()),
        ("Version", lambda r, _: r.version_number),
        ("Authorised", lambda r, _: when(r.authorised_at)),
        ("Published", lambda r, _: when(r.published_at)),
        LINK,
    ],
)


def report_list(request):
    form = ReportFilterForm(request.GET, user=request.user)
    year = rules.reporting_year(timezone.localdate())
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    return render_filtered_list(
        request,
        form=form,
        queryset=visible_to(request.user, EdsReport.objects.all()).select_related("organisation"),
        order_by=["-year", "organisation__name", "-version_number"],
        template="eds/report_list.html",
        context={
            "year": year,
            "standing_caption": f"Reporting year {year}: each organisation's report, to be "
            f"published by {nhs_date(rules.publication_deadline(year))}",
            "standing": _standing(request.user, year),
            "may_create": any(has_permission_anywhere(request.user, p) for p in DRAFTERS),
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
        export=REPORTS_CSV,
    )


def report_new(request):
    allowed = [o.pk for o in organisations_for(request.user) if may_draft_in(request.user, o)]
    organisations = organisations_for(request.user).filter(pk__in=allowed)
    if not allowed:
        raise PermissionDenied("Only an organisation's authors and approvers start its report")
    form = NewReportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(by=request.user, **form.cleaned_data)
        except Refused as error:
            form.add_error("year", str(error))
        else:
            messages.success(request, f"EDS report for {report.year} started")
            return redirect("eds:page", pk=report.pk, slug="about")
    return render(request, "eds/report_new.html", {"form": form, "breadcrumbs": breadcrumbs()})


def _replaced(report) -> bool:
    """A later version of the report is authorised or published: it replaces this one."""
    return EdsReport.objects.filter(
        organisation_id=report.organisation_id,
        year=report.year,
        version_number__gt=report.version_number,
        status__in=rules.FINAL_STATUSES,
    ).exists()


def report_detail(request, pk):
    report = visible(request, pk)
    content = built(report)
    user = request.user
    may_edit = report.is_editable and may_draft(user, report)
    final = report.status in rules.FINAL_STATUSES
    may_approve = has_permission(user, Perm.APPROVE_RECORDS, report.organisation)
    return render(
        request,
        "eds/report_detail.html",
        {
            **page_context(report, content),
            "may_edit": may_edit,
            "tasks": tasks(report, content) if may_edit else [],
            "may_review": may_review(user, report),
            "may_publish": may_approve
            and report.status == EdsReport.Status.AUTHORISED
            and not _replaced(report),
            "may_unpublish": may_approve and report.is_published,
            "may_next_year": final and may_draft(user, report) and not report.next_years.exists(),
            "may_new_version": final
            and may_draft(user, report)
            and not hasattr(report, "next_version"),
            "breadcrumbs": breadcrumbs(),
        },
    )


def score_card(request, pk):
    report = visible(request, pk)
    return render(
        request,
        "eds/score_card.html",
        {**page_context(report, built(report)), "breadcrumbs": breadcrumbs(report)},
    )


def check_and_submit(request, pk):
    report = draftable(request, pk)
    done, problems = submit_on_post(
        request,
        report,
        waiting=EdsReport.Status.SUBMITTED,
        ensure_editable=ensure_editable,
        submit=lambda: services.submit_report(report=report, by=request.user),
        refused=services.SubmissionRefused,
        links=lambda found: problem_links(report, found),
        submitted="Report submitted for authorisation",
    )
    if done:
        return done
    content = built(report)
    return render(
        request,
        "eds/check.html",
        {
            **page_context(report, content),
            "problems": problems,
            "outstanding": problem_links(report, content.problems),
            "breadcrumbs": breadcrumbs(report),
        },
    )


def _reviewable(request, pk):
    """The report, for an approver to authorise or return. A press of the button always
    reaches the service, which says why it cannot be done (and the page shows back what
    was typed); the page itself is offered only to a reviewer who may."""
    report = approvable(request, pk)
    if request.method != "POST" and not may_review(request.user, report):
        raise PermissionDenied(
            "Only an approver of the organisation who did not draft or change this report "
            "can authorise or return it, and only while it waits for authorisation."
        )
    return report


def _act_page(request, report, *, form, act, template, done_message, context=None):
    """A page with one form whose button does one thing to the report."""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            act(form.cleaned_data if form is not None else {})
        except AlreadyDone as already:
            messages.info(request, str(already))
            return redirect(report)
        except Refused as error:
            if form is None:
                raise PermissionDenied(str(error)) from None
            form.add_error(None, str(error))
        else:
            messages.success(request, done_message)
            return redirect(report)
    return render(
        request,
        template,
        {"report": report, "form": form, "breadcrumbs": breadcrumbs(report), **(context or {})},
    )


REVIEWS = {
    # The form's fields are the write's arguments, with the version the page was opened at.
    "authorise": (
        AuthoriseForm,
        services.authorise_report,
        "Report authorised. It can now be published.",
    ),
    "return": (ReturnForm, services.return_report, "Report returned to the EDS lead's team"),
}


def _review(kind):
    form_class, write, done_message = REVIEWS[kind]

    def view(request, pk):
        report = _reviewable(request, pk)

        def act(data):
            values = dict(data)
            version = values.pop("version")
            return write(report=report, expected_version=version, by=request.user, **values)

        return _act_page(
            request,
            report,
            form=form_class(request.POST or None, initial={"version": report.version}),
            act=act,
            template=f"eds/{kind}.html",
            done_message=done_message,
            context=page_context(report, built(report)) if kind == "authorise" else None,
        )

    return view


authorise = _review("authorise")
return_report = _review("return")


S = EdsReport.Status
CONFIRMATIONS = {
    "publish": (
        services.publish_report,
        S.AUTHORISED,
        S.PUBLISHED,
        "Publish this report",
        "It will appear at once on the public register, with its PDF, for anyone to read.",
        "Report published",
    ),
    "unpublish": (
        services.unpublish_report,
        S.PUBLISHED,
        S.AUTHORISED,
        "Unpublish this report",
        "It comes off the public register at once. It stays authorised, and can be "
        "published again.",
        "Report unpublished: it is no longer on the public register",
    ),
}


def _confirm(action):
    """Publish and unpublish: a page that says what will happen, and its button. Offered
    only from the state it changes (`source`); pressed again once `target`, it says so."""
    write, source, target, title, explanation, done = CONFIRMATIONS[action]

    def view(request, pk):
        report = approvable(request, pk)
        if report.status != source and not (request.method == "POST" and report.status == target):
            raise PermissionDenied(f"This report is {report.get_status_display().lower()}")
        return _act_page(
            request,
            report,
            form=None,
            act=lambda _: write(report=report, by=request.user),
            template="eds/confirm.html",
            done_message=done,
            context={"title": title, "explanation": explanation},
        )

    return view


publish = _confirm("publish")
unpublish = _confirm("unpublish")


def _start_from(request, pk, *, write, title, explanation, started):
    report = draftable(request, pk)
    if report.status not in rules.FINAL_STATUSES:
        raise PermissionDenied("This starts from an authorised report")
    return start_from_page(
        request,
        start=lambda: write(report=report, by=request.user),
        already=lambda: report,
        started=started,
        template="eds/confirm.html",
        context={
            "report": report,
            "title": title,
            "explanation": explanation,
            "breadcrumbs": breadcrumbs(report),
        },
    )


STARTS = {
    "next_year": (
        services.start_next_year,
        "Start next year's report",
        "The header, the Domain 1 services and the scoring method are copied, and "
        "“completed actions from previous year” is filled with this year's actions and "
        "their status, for you to edit. Each outcome will show this year's rating beside "
        "next year's.",
        lambda draft: f"EDS report for {draft.year} started",
    ),
    "new_version": (
        services.start_new_version,
        "Correct this report in a new version",
        "An authorised report cannot be changed. A new version copies everything into a "
        "draft, which is submitted and authorised again. This version stays published, with "
        "its actions, until the new one is published; the actions then move to it.",
        lambda draft: f"Version {draft.version_number} started as a draft",
    ),
}


def _start(kind):
    write, title, explanation, started = STARTS[kind]
    return lambda request, pk: _start_from(
        request, pk, write=write, title=title, explanation=explanation, started=started
    )


next_year = _start("next_year")
new_version = _start("new_version")


def report_pdf(request, pk):
    report = visible(request, pk)
    return _pdf(request, report)


def _pdf(request, report, *, public=False):
    """A final report's PDF is kept: it changes only with its actions and last year's
    report beside it (which version, and whether published)."""
    previous = previous_year_of(report, public=public)
    key = None
    if report.status in rules.FINAL_STATUSES:
        beside = (previous.pk, previous.version) if previous else None
        key = ("public-" if public else "") + state_key(
            report, beside, actions=plan_actions(report)
        )
    return pdf_page(
        request,
        key=key,
        template=PDF_TEMPLATE,
        context=lambda: pdf_context(report, public=public, previous=previous),
        filename=pdf_filename(
            "eds",
            report.organisation.short_name or report.organisation.name,
            report.year.replace("/", "-"),
            f"v{report.version_number}",
        ),
    )


def report_history(request, pk):
    report = visible(request, pk)
    return render_history(
        request,
        title=str(report),
        entries=history_entries(
            report.history.all(),
            OutcomeGrade.history.filter(report_id=report.pk),
            Objective.history.filter(report_id=report.pk),
            Action.history.filter(
                source_type=objective_type(), source_id__in=[o.pk for o in report.objectives.all()]
            ),
        ),
        breadcrumbs=breadcrumbs(report),
    )


@login_not_required
def scoring_method(request):
    return render(
        request,
        "eds/scoring.html",
        {
            "domains": reference_domains(),
            "methods": rules.Method,
            "bands": rules.BAND_KEY,
            "breadcrumbs": [
                {"text": "Published EDS reports", "href": reverse("eds:public_register")}
            ],
        },
    )
