"""An EDS report's PDF, the team's or the public's: the key it is kept under, and the public
one asked of the worker as the report is published (so the public never waits for it)."""

from eds import rules
from eds.models import EdsReport
from eds.report import PDF_TEMPLATE, pdf_context, plan_actions, previous_year_of, with_parts
from idmf.core import pdf_jobs
from idmf.core.pdf import state_key


def pdf_key(report, *, public: bool, previous) -> str | None:
    """A final report's PDF is kept: it changes only with its actions and last year's
    report beside it (which version, and whether published). A draft's has no key."""
    if report.status not in rules.FINAL_STATUSES:
        return None
    beside = (previous.pk, previous.version) if previous else None
    return ("public-" if public else "") + state_key(report, beside, actions=plan_actions(report))


def prepare_public(report, *, by) -> None:
    """Ask the worker for the published report's public PDF."""
    report = with_parts(EdsReport.objects).get(pk=report.pk)
    previous = previous_year_of(report, public=True)
    pdf_jobs.prepare(
        pdf_key(report, public=True, previous=previous),  # published: final, so keyed
        lambda: (PDF_TEMPLATE, pdf_context(report, public=True, previous=previous)),
        by=by,
    )
