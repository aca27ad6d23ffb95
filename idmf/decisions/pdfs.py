"""A decision record's PDFs: the key a complete one is kept under, and its public PDF, asked
of the worker as the record is completed with "publish" ticked (the public never waits)."""

from idmf.actions.models import Action
from idmf.core import pdf_jobs
from idmf.core.pdf import state_key
from idmf.decisions.report import record_report
from idmf.evidence.cited import evidence_state

PUBLIC_TEMPLATE = "decisions/pdf/public_record.html"


def kept(record) -> str:
    """A complete decision's PDF changes with its reviews, its actions and the equity evidence
    it cites (a later period shows baseline → now), not otherwise (its linked EHIIRA was
    approved, so it cannot change either)."""
    reviews = [(r.pk, r.reviewed_on, r.next_review_date) for r in record.reviews.all()]
    evidence = evidence_state(record.evidence_tables.all(), record.remeasured_tables.all())
    return state_key(
        record, reviews, record.assessment_id, evidence, actions=Action.objects.raised_by(record)
    )


def public_page(record):
    """(template, context) of the record's public PDF."""
    return PUBLIC_TEMPLATE, {
        **record_report(record, public=True),
        "organisation": record.organisation,
        "record_title": record.title,
    }


def prepare_public(record, *, by) -> None:
    pdf_jobs.prepare("public-" + kept(record), lambda: public_page(record), by=by)
