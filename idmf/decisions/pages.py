"""The decision record as the shared record pages serve it: who may open which page, its
register (and the reviews overdue), its history and its PDF (`idmf.core.record_pages`)."""

from django.urls import reverse

from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_with_parts
from idmf.core.pdf import pdf_filename
from idmf.core.record_pages import ListPage, NewPage, PdfPage, RecordPages
from idmf.decisions import rules, services
from idmf.decisions.forms import DecisionFilterForm, NewDecisionForm
from idmf.decisions.models import DecisionRecord, DecisionReview, DecisionStep
from idmf.decisions.pdfs import kept
from idmf.decisions.report import PDF_TEMPLATE, pdf_context, record_state, with_parts

DECISIONS_CSV = CsvExport(
    name="decision-records",
    columns=[
        ("Title", lambda r, _: r.title),
        ("Organisation", lambda r, _: r.organisation.name),
        ("Steps complete", lambda r, _: r.steps_completed),
        ("Decision", lambda r, _: r.get_decision_display()),
        ("Decision date", lambda r, _: when(r.decision_date)),
        ("Review date", lambda r, _: when(r.review_date)),
        ("EHIIRA", lambda r, _: r.assessment.title if r.assessment else ""),
        ("Last changed", lambda r, _: when(r.updated_at)),
        LINK,
    ],
)


PAGES = RecordPages(
    model=DecisionRecord,
    noun="record",
    tool="Decisions",
    namespace="decisions",
    with_parts=with_parts,
    listing=ListPage(
        template="decisions/decision_list.html",
        filter_form=DecisionFilterForm,
        export=DECISIONS_CSV,
        related=("organisation", "assessment"),
        columns=(
            "title",
            "kind",
            "steps_completed",
            "decision",
            "review_date",
            "updated_at",
            "organisation__name",
        ),
    ),
    history=history_with_parts("record_id", DecisionStep, DecisionReview),
    new=NewPage(
        form=NewDecisionForm,
        write=services.create_decision_record,
        opens_at=lambda record: reverse("decisions:step", args=[record.pk, 1]),
        started="Decision record started",
        template="decisions/decision_new.html",
    ),
    pdf=PdfPage(
        template=PDF_TEMPLATE,
        context=pdf_context,
        filename=lambda record: pdf_filename("decision", record.title),
        key=lambda r: kept(r) if rules.is_complete(record_state(r).completed) else None,
    ),
)
