"""The EHIIRA as the shared record pages serve it: who may open which page, its list, its
history, its PDF, check and submit, and new versions (`idmf.core.record_pages`)."""

from django.urls import reverse

from assessments import services
from assessments.forms import AssessmentFilterForm, NewAssessmentForm
from assessments.models import Assessment, PersonResponsible, Stage1Answer, Stage2Impact
from assessments.report import PDF_TEMPLATE, editors_of, pdf_context, with_parts
from idmf.actions.models import Action
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_with_parts
from idmf.core.models import person_name
from idmf.core.pdf import pdf_filename, state_key
from idmf.core.record_pages import (
    ListPage,
    NewPage,
    NewVersionPage,
    PdfPage,
    RecordPages,
    SubmitPage,
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


def _kept(assessment) -> str | None:
    if assessment.status != Assessment.Status.APPROVED:
        return None
    return state_key(assessment, actions=Action.objects.raised_by(assessment))


PAGES = RecordPages(
    model=Assessment,
    noun="assessment",
    tool="Assessments",
    namespace="assessments",
    with_parts=with_parts,
    editors_of=editors_of,
    correction="An approved assessment can be changed by starting a new version.",
    waiting=Assessment.Status.SUBMITTED,
    final=Assessment.Status.APPROVED,
    listing=ListPage(
        template="assessments/assessment_list.html",
        filter_form=AssessmentFilterForm,
        export=ASSESSMENTS_CSV,
        related=("organisation", "created_by"),
        columns=(
            "title",
            "version_number",
            "status",
            "updated_at",
            "organisation__name",
            *(f"created_by__{name}" for name in ("username", "first_name", "last_name")),
        ),
    ),
    history=history_with_parts("assessment_id", PersonResponsible, Stage1Answer, Stage2Impact),
    pdf=PdfPage(
        template=PDF_TEMPLATE,
        context=pdf_context,
        filename=lambda a: pdf_filename("ehiira", a.title, f"v{a.version_number}"),
        key=_kept,
    ),
    new=NewPage(
        form=NewAssessmentForm,
        write=services.create_assessment,
        opens_at=lambda assessment: reverse("assessments:section", args=[assessment.pk, "about"]),
        started="Assessment started",
        template="assessments/assessment_new.html",
    ),
    new_version=NewVersionPage(
        write=services.start_new_version,
        template="assessments/new_version.html",
        only_when_final=False,
    ),
    submit=SubmitPage(
        write=services.submit_assessment,
        refused=services.SubmissionRefused,
        submitted="Assessment submitted for approval",
    ),
)
