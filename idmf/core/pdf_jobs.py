"""PDFs never slow the site: a web request renders a record's page as HTML (fast) and the
worker typesets it with WeasyPrint (seconds for a long record), once a key however many
ask. The page says "Preparing your PDF" and refreshes itself until it is ready; the same
address then downloads it. Made PDFs are kept (StoredPdf): a final record's under its
state's key, signed with the site's certificate (idmf.core.signing), a draft's under its
HTML's digest (a draft changed is a new PDF), never signed. Other documents made from the
same HTML (a record's Word document: idmf.publishing) go the same way, as another `Format`
whose keys begin with its prefix, never signed.

Each person may start a few new documents a minute (PDF_RENDERS_PER_MINUTE), counted in the
database, so every server process sees the same count."""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from idmf.core import signing
from idmf.core.file_store import reaching_store
from idmf.core.logs import logged_task, queue_on_commit
from idmf.core.models import PdfJob, StoredPdf
from idmf.core.pdf import PDF_LAYOUT, attachment

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 3


@dataclass(frozen=True)
class Format:
    """A kind of document the worker makes from a page's HTML."""

    prefix: str  # of its jobs' keys
    noun: str  # as the pages name it: "PDF", "Word document"
    content_type: str
    ext: str
    # The dotted path of the function that makes it from HTML, imported by the worker when
    # it first makes one (web processes never load it); "" for a PDF (WeasyPrint, signed).
    maker: str = ""


PDF = Format(prefix="", noun="PDF", content_type="application/pdf", ext="pdf")
FORMATS: dict[str, Format] = {}


def add_format(made_as: Format) -> None:
    """Another kind of document (an app's `ready`)."""
    FORMATS[made_as.prefix] = made_as


def format_of(key: str) -> Format:
    return next((f for prefix, f in FORMATS.items() if key.startswith(prefix)), PDF)


def _is_final(key: str) -> bool:
    """A final record's PDF (signed), not a draft's, nor another kind of document."""
    return format_of(key) is PDF and not key.startswith("draft-")


def _layout(key: str) -> str:
    # A new layout makes new PDFs; so does a certificate new to the site (a final record's PDF
    # kept unsigned is made again, signed).
    signed = "-signed" if _is_final(key) and signing.signs() else ""
    return f"layout-{PDF_LAYOUT}{signed}:{key}"


def kept(key: str) -> bytes | None:
    """The PDF kept under `key`, if there is one (and the file store still has it)."""
    stored = StoredPdf.objects.filter(key=_layout(key)).first()
    if stored is None:
        return None
    try:
        with reaching_store(), stored.file.open("rb") as file:
            return file.read()
    except FileNotFoundError:  # the file store lost it: it is made again
        logger.warning("Kept PDF %s is missing from the file store", stored.file.name)
        stored.delete()
        PdfJob.objects.filter(key=key).delete()
        return None


def keep(key: str, pdf: bytes) -> None:
    name = hashlib.sha256(_layout(key).encode()).hexdigest()[:32] + "." + format_of(key).ext
    stored = StoredPdf(key=_layout(key))
    with reaching_store():
        stored.file.save(name, ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # made at the same moment by another worker: theirs is kept
        stored.file.delete(save=False)


def make(job_id: int) -> None:
    """The worker's part: typeset the job's HTML and keep the PDF (a final record's signed),
    or make and keep the job's other kind of document."""
    job = PdfJob.objects.filter(pk=job_id).first()
    if job is None or job.state == PdfJob.State.DONE:
        return
    try:
        if kept(job.key) is None:
            keep(job.key, _made(job))
    except Exception as error:
        logger.exception("%s %s failed", format_of(job.key).noun, job.key)
        PdfJob.objects.filter(pk=job.pk).update(
            state=PdfJob.State.FAILED, error=f"{type(error).__name__}: {error}"
        )
        return
    PdfJob.objects.filter(pk=job.pk).update(
        state=PdfJob.State.DONE, finished_at=timezone.now(), html=""
    )


def _made(job: PdfJob) -> bytes:
    made_as = format_of(job.key)
    if made_as is not PDF:
        return import_string(made_as.maker)(job.html)
    from idmf.core.typesetting import typeset  # the worker's alone: web processes never load it

    pdf = typeset(job.html)
    return signing.sign_final(key=job.key, pdf=pdf) if _is_final(job.key) else pdf


@task()
@logged_task
def make_pdf(job_id: int) -> None:
    """The worker's task (on Django's tasks framework, the database queue)."""
    make(job_id)


def enqueue(job: PdfJob) -> None:
    """Hand the job to the worker (once the asking request's transaction commits)."""
    queue_on_commit(make_pdf, job.pk)


def ask(key: str, html: str, *, by) -> PdfJob:
    """The job for `key`, started if it is new (or had failed)."""
    job, created = PdfJob.objects.get_or_create(
        key=key, defaults={"html": html, "asked_by": by if by and by.is_authenticated else None}
    )
    if not created and job.state != PdfJob.State.QUEUED:
        PdfJob.objects.filter(pk=job.pk).update(state=PdfJob.State.QUEUED, html=html, error="")
        created = True
    if created:
        enqueue(job)
    return job


def prepare(key: str, page, *, by) -> None:
    """Ask the worker now for the PDF kept under `key`, unless it is kept already; `page()`
    gives its (template, context). For a record just published: the public never waits."""
    if kept(key) is None:
        ask(key, render_to_string(*page()), by=by)


def started_lately(user) -> int:
    since = timezone.now() - datetime.timedelta(minutes=1)
    return PdfJob.objects.filter(asked_by=user, created_at__gte=since).count()


def pdf_page(
    request,
    *,
    key: str | None,
    template: str | None = None,
    context,
    filename: str,
    made_as: Format = PDF,
):
    """A record's PDF (or its document `made_as`): downloaded when it is kept, else asked of
    the worker, with a page that says so and refreshes itself until it is. `key` names a
    final record's state (None for a draft: its HTML names it); `context()` builds what
    `template` needs (or, without a template, returns the template and its context)."""

    def download(document: bytes):
        return attachment(document, content_type=made_as.content_type, filename=filename)

    if key is not None:
        key = made_as.prefix + key
        if (document := kept(key)) is not None:
            return download(document)
        waiting = PdfJob.objects.filter(key=key, state=PdfJob.State.QUEUED).first()
        if waiting is not None:  # a refresh while it is made: nothing to render again
            return _preparing(request, waiting, filename, made_as)
    html = render_to_string(template, context()) if template else render_to_string(*context())
    key = key or made_as.prefix + "draft-" + hashlib.sha256(html.encode()).hexdigest()[:40]
    if (document := kept(key)) is not None:
        return download(document)
    user = request.user
    new = not PdfJob.objects.filter(key=key).exists()
    if new and user.is_authenticated and started_lately(user) >= settings.PDF_RENDERS_PER_MINUTE:
        return render(request, "core/too_many_pdfs.html", status=429)
    job = ask(key, html, by=user)
    if (document := kept(key)) is not None:  # made at once (a worker that runs tasks inline)
        return download(document)
    return _preparing(request, job, filename, made_as)


def _preparing(request, job: PdfJob, filename: str, made_as: Format):
    response = render(
        request,
        "core/pdf_preparing.html",
        {"job": job, "refresh": REFRESH_SECONDS, "filename": filename, "noun": made_as.noun},
    )
    response["Cache-Control"] = "no-store"
    return response
