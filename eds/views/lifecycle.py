"""Pages that move an EDS report through its life: check and submit, authorise or return,
publish and unpublish, and start next year's report or a corrected version from an
authorised one. Each is one form whose button makes one write of `eds.lifecycle`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from eds import lifecycle, rules
from eds.models import EdsReport
from eds.pages import PAGES
from eds.report import built, page_context
from eds.views.access import approvable, draftable
from eds.views.pages import problem_links
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import start_from_page


def check_and_submit(request, pk):
    report = draftable(request, pk)

    def page(problems):
        content = built(report)
        return render(
            request,
            "eds/check.html",
            {
                **page_context(report, content),
                "problems": problems,
                "outstanding": problem_links(report, content.problems),
                "breadcrumbs": PAGES.breadcrumbs(report),
            },
        )

    return PAGES.check_and_submit(
        request, report, links=lambda found: problem_links(report, found), render_page=page
    )


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
        {
            "report": report,
            "form": form,
            "breadcrumbs": PAGES.breadcrumbs(report),
            **(context or {}),
        },
    )


def _review(kind):
    def view(request, pk):
        report = PAGES.reviewable(
            request,
            approvable(request, pk),
            refusal="Only an approver of the organisation who did not draft or change this "
            "report can authorise or return it, and only while it waits for authorisation.",
        )
        extra = page_context(report, built(report)) if kind == "authorise" else {}
        return PAGES.review_view(
            request,
            report,
            kind,
            render_page=lambda template, form: PAGES.render(
                request, template, report, form=form, **extra
            ),
        )

    return view


authorise = _review("authorise")
return_report = _review("return")


S = EdsReport.Status
CONFIRMATIONS = {
    "publish": (
        lifecycle.publish_report,
        S.AUTHORISED,
        S.PUBLISHED,
        "Publish this report",
        "It will appear at once on the public register, with its PDF, for anyone to read.",
        "Report published",
    ),
    "unpublish": (
        lifecycle.unpublish_report,
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
    if callable(explanation):
        explanation = explanation(report)
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
            "breadcrumbs": PAGES.breadcrumbs(report),
        },
    )


STARTS = {
    "next_year": (
        lifecycle.start_next_year,
        "Start next year's report",
        lambda report: (
            f"This starts the {rules.year_after(report.year, today=timezone.localdate())} "
            "report. The header, the Domain 1 services and the scoring method are copied, and "
            "“completed actions from previous year” is filled with this year's actions and "
            "their status, for you to edit. Each outcome will show this year's rating beside "
            "next year's."
        ),
        lambda draft: f"EDS report for {draft.year} started",
    ),
    "new_version": (
        lifecycle.start_new_version,
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
