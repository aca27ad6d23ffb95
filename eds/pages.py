"""The EDS report as the shared record pages serve it: who may open which page, its list,
starting one, its history, check and submit, authorise or return
(`idmf.core.record_pages`). Its PDF (which has a public twin) and the reports started from
it are its own (`eds.views.records`, `eds.views.lifecycle`)."""

from django.urls import reverse

from eds import lifecycle, services
from eds.forms import AuthoriseForm, NewReportForm, ReportFilterForm, ReturnForm
from eds.models import EdsReport, Objective, OutcomeGrade
from eds.report import editors_of, objective_type, with_parts
from eds.team import DRAFTERS, may_start_a_report
from idmf.actions.models import Action
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import record_and_parts_history
from idmf.core.record_pages import ListPage, NewPage, RecordPages, ReviewPage, SubmitPage

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


def _history(report) -> list:
    objectives = [o.pk for o in report.objectives.all()]
    return [
        *record_and_parts_history(report, "report_id", OutcomeGrade, Objective),
        Action.history.filter(source_type=objective_type(), source_id__in=objectives),
    ]


PAGES = RecordPages(
    model=EdsReport,
    noun="report",
    tool="EDS reports",
    namespace="eds",
    with_parts=with_parts,
    editors_of=editors_of,
    correction="An authorised report is corrected by starting a new version.",
    waiting=EdsReport.Status.SUBMITTED,
    final=EdsReport.Status.AUTHORISED,
    listing=ListPage(
        template="eds/report_list.html",
        filter_form=ReportFilterForm,
        export=REPORTS_CSV,
        order_by=("-year", "organisation__name", "-version_number"),
        creators=DRAFTERS,
    ),
    history=_history,
    new=NewPage(
        form=NewReportForm,
        write=services.create_report,
        opens_at=lambda report: reverse("eds:page", args=[report.pk, "about"]),
        started=lambda report: f"EDS report for {report.year} started",
        template="eds/report_new.html",
        may_start=may_start_a_report,
        refusal="Only an organisation's authors and approvers start its report",
        error_field="year",  # a report for that year exists already, or the year is refused
    ),
    submit=SubmitPage(
        write=lifecycle.submit_report,
        refused=lifecycle.SubmissionRefused,
        submitted="Report submitted for authorisation",
    ),
    reviews={
        # The form's fields are the write's arguments, with the version it was opened at.
        "authorise": ReviewPage(
            form=AuthoriseForm,
            write=lifecycle.authorise_report,
            template="eds/authorise.html",
            done="Report authorised. It can now be published.",
        ),
        "return": ReviewPage(
            form=ReturnForm,
            write=lifecycle.return_report,
            template="eds/return.html",
            done="Report returned to the EDS lead's team",
        ),
    },
)
