"""The pages every tool's record has, served one way.

A tool declares its record once, as a `RecordPages`: the model and how to read one with its
parts, who edited it, how one is started, its list (filters and CSV), its history, its PDF,
and how a final one starts a new version. Its URLs then use the views made here
(`pages.list_view`, `pages.history_view`, …), and its own views hold only what is particular
to it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import redirect, render
from django.urls import path, reverse

from idmf.core import permissions
from idmf.core.exports import CsvExport
from idmf.core.history import history_entries
from idmf.core.pagination import render_filtered_list
from idmf.core.pdf_jobs import pdf_page
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission_anywhere,
    may,
    visible_to,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import (
    render_history,
    start_from_page,
    start_record_page,
    submit_on_post,
    tool_breadcrumbs,
)


def home_breadcrumbs() -> list[dict]:
    return [{"text": "Home", "href": reverse("home")}]


@dataclass(frozen=True)
class ListPage:
    """A tool's list of records: its filters, CSV, order and the columns it reads."""

    template: str
    filter_form: type
    export: CsvExport
    related: tuple[str, ...] = ("organisation",)
    order_by: tuple[str, ...] = ("-updated_at", "-pk")
    columns: tuple[str, ...] | None = None  # only these are read (None: every column)
    # Who may start a record here (one of these permissions in some organisation).
    creators: tuple = (Perm.EDIT_RECORDS,)


def may_edit_somewhere(user) -> bool:
    """Someone who may edit records in some organisation."""
    return has_permission_anywhere(user, Perm.EDIT_RECORDS)


@dataclass(frozen=True)
class NewPage:
    """The page that starts a record: its form (given the person: the organisations they may
    start one in), `write(by=user, **fields)`, the page the new record opens at, and what is
    said there (given the new record, where it names it)."""

    form: type
    write: Callable
    opens_at: Callable[[Model], str]
    started: str | Callable[[Model], str]
    template: str
    context: Callable[[], dict] = dict  # more for the page (the tool's own introduction)
    # Who may open it, and what a refusal says; the form's field that shows a refused write
    # (None: the top of the form).
    may_start: Callable = may_edit_somewhere
    refusal: str = ""
    error_field: str | None = None


@dataclass(frozen=True)
class PdfPage:
    """A record's PDF: its template and context, its file name, and what a kept copy of it
    depends on (None while the record may still change, so it is rendered each time)."""

    template: str
    context: Callable[[Model], dict]
    filename: Callable[[Model], str]
    key: Callable[[Model], str | None]


@dataclass(frozen=True)
class NewVersionPage:
    """A final record's page that starts a new version: `write(<noun>=record, by=user)`."""

    write: Callable
    template: str
    # Whether the page itself is refused (403) before the record is final; else only its
    # button is (the write says why).
    only_when_final: bool = True


@dataclass(frozen=True)
class SubmitPage:
    """Check and submit: `write(<noun>=record, by=user)`, refused with the tool's own error
    listing the problems, and what is said once it is submitted."""

    write: Callable
    refused: type[Refused]
    submitted: str


@dataclass(frozen=True)
class ReviewPage:
    """Approve (authorise) or return: a form whose fields, less the `version` the page was
    opened at, are the write's keyword arguments."""

    form: type
    write: Callable  # write(<noun>=record, expected_version=…, by=user, **fields)
    template: str
    done: str  # said on the record's page once it is done


@dataclass(frozen=True)
class RecordPages:
    model: type[Model]
    noun: str  # "assessment", as refusals name it and templates call it
    tool: str  # "Assessments": the tool's breadcrumb
    namespace: str  # its URL namespace: its list is `<namespace>:index`
    with_parts: Callable[[QuerySet], QuerySet]  # what the record's pages read at once
    listing: ListPage
    history: Callable[[Model], list[QuerySet]]  # the record's history and its parts'
    pdf: PdfPage | None = None  # None where the tool serves it itself (EDS: a public twin)
    # A record that is submitted and approved: who wrote or changed it (none of them approves
    # it), the status in which it waits and the one in which it is final and read-only, how
    # a final one is changed, and its check-and-submit and review pages. (A decision record
    # has none of these: its steps are completed one by one.)
    editors_of: Callable[[Model], set] | None = None
    waiting: str | None = None
    final: str | None = None
    correction: str = ""  # "An approved assessment can be changed by starting a new version."
    submit: SubmitPage | None = None
    reviews: dict[str, ReviewPage] = field(default_factory=dict)
    new_version: NewVersionPage | None = None  # None: none, or the tool's own (EDS)
    new: NewPage | None = None  # None: the tool's own page starts a record

    # --- who may open which page ---------------------------------------------------

    def breadcrumbs(self, record=None) -> list[dict]:
        return tool_breadcrumbs(self.tool, f"{self.namespace}:index", record)

    def visible(self, request, pk, permission=Perm.VIEW_RECORDS, *, parts=True):
        """The record, for someone who may (else 403, or 404 where they may not know it);
        with its parts read at once, unless the page reads none of them (`parts=False`)."""
        queryset = self.with_parts(self.model.objects)
        if not parts:
            queryset = queryset.prefetch_related(None)
        return get_for_user_or_404(request.user, queryset, permission, pk=pk)

    def editable(self, request, pk):
        """The record, for a page that edits it: only while it may be edited."""
        return self.ensure_editable(self.visible(request, pk, Perm.EDIT_RECORDS))

    def ensure_editable(self, record):
        return permissions.ensure_editable(record, noun=self.noun, correction=self.correction)

    def may_review(self, user, record) -> bool:
        """An approver who neither wrote nor changed the record, while it waits."""
        return permissions.may_review(
            user, record, editors_of=self.editors_of, waiting=self.waiting
        )

    def may_edit(self, user, record) -> bool:
        return record.is_editable and may(user, Perm.EDIT_RECORDS, record)

    def may_start_new_version(self, user, record) -> bool:
        return (
            record.status == self.final
            and not hasattr(record, "next_version")
            and may(user, Perm.EDIT_RECORDS, record)
        )

    @property
    def final_word(self) -> str:
        """ "an approved", "an authorised": the final status with its article."""
        word = self.model.Status(self.final).label.lower()
        return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"

    def _as(self, record) -> dict:
        return {self.noun: record}

    # --- the pages -----------------------------------------------------------------

    def urls(self, *, list_view=None) -> list:
        """The shared pages' URLs, for the tool's `urlpatterns` (`list_view`: the tool's own
        list, where it shows more than the records)."""
        found = [
            path("", list_view or self.list_view, name="index"),
            path("<int:pk>/history/", self.history_view, name="history"),
        ]
        if self.new:
            found.append(path("new/", self.new_view, name="new"))
        if self.pdf:
            found.append(path("<int:pk>/pdf/", self.pdf_view, name="pdf"))
        if self.new_version:
            found.append(path("<int:pk>/new-version/", self.new_version_view, name="new_version"))
        return found

    def filter_form(self, request):
        return self.listing.filter_form(request.GET, user=request.user)

    def list_view(self, request, *, form=None, queryset=None, order_by=None, context=None):
        """The list with its filters (`form`, if the tool has read it already), a page at a
        time, or every row as CSV."""
        listing = self.listing
        records = queryset if queryset is not None else self.model.objects.all()
        return render_filtered_list(
            request,
            form=form or self.filter_form(request),
            queryset=visible_to(request.user, records).select_related(*listing.related),
            order_by=list(order_by or listing.order_by),
            template=listing.template,
            context={
                "may_create": any(
                    has_permission_anywhere(request.user, p) for p in listing.creators
                ),
                "breadcrumbs": home_breadcrumbs(),
                **(context or {}),
            },
            export=listing.export,
            columns=list(listing.columns) if listing.columns else None,
        )

    def new_view(self, request):
        """Start a record: for someone who may (`NewPage.may_start`)."""
        new = self.new
        if not new.may_start(request.user):
            raise PermissionDenied(new.refusal)

        def start(fields):
            record = new.write(by=request.user, **fields)
            return new.opens_at(record), (
                new.started(record) if callable(new.started) else new.started
            )

        return start_record_page(
            request,
            form=new.form(request.POST or None, user=request.user),
            start=start,
            error_field=new.error_field,
            template=new.template,
            breadcrumbs=self.breadcrumbs(),
            context=new.context(),
        )

    def history_view(self, request, pk):
        # The history reads the parts' own history, not the parts as they are now.
        record = self.visible(request, pk, parts=False)
        return render_history(
            request,
            title=getattr(record, "title", None) or str(record),
            entries=history_entries(*self.history(record)),
            breadcrumbs=self.breadcrumbs(record),
        )

    def pdf_view(self, request, pk):
        """The PDF: kept once it cannot change, else rendered (a few a minute each)."""
        record = self.visible(request, pk)
        return pdf_page(
            request,
            key=self.pdf.key(record),
            template=self.pdf.template,
            context=lambda: self.pdf.context(record),
            filename=self.pdf.filename(record),
        )

    def new_version_view(self, request, pk):
        """A final record's page that says what a new version is, and its button."""
        record = self.visible(request, pk, Perm.EDIT_RECORDS)
        if self.new_version.only_when_final and record.status != self.final:
            raise PermissionDenied(f"Only {self.final_word} {self.noun} starts a new version")
        return start_from_page(
            request,
            start=lambda: self.new_version.write(**self._as(record), by=request.user),
            # Read afresh: the record as fetched may predate a version started since.
            already=lambda: self.model.objects.get(previous_version=record),
            started=lambda draft: f"Version {draft.version_number} started as a draft",
            template=self.new_version.template,
            context={self.noun: record, "breadcrumbs": self.breadcrumbs(record)},
        )

    def check_and_submit(self, request, record, *, links, render_page):
        """A check-and-submit page: `links(problems)` turns the tool's problems into links
        to where each is fixed; `render_page(problems)` shows the page."""
        done, problems = submit_on_post(
            request,
            record,
            waiting=self.waiting,
            ensure_editable=self.ensure_editable,
            submit=lambda: self.submit.write(**self._as(record), by=request.user),
            refused=self.submit.refused,
            links=links,
            submitted=self.submit.submitted,
        )
        return done or render_page(problems)

    def reviewable(self, request, record, *, refusal: str):
        """The record, for an approver to approve or return. A press of the button always
        reaches the write, which says why it cannot be done (and the page shows back what
        was typed); the page itself is offered only to a reviewer who may."""
        if request.method != "POST" and not self.may_review(request.user, record):
            raise PermissionDenied(refusal)
        return record

    def review_view(self, request, record, kind: str, *, render_page):
        """Approve or return (`kind`, one of `reviews`): one form, one write."""
        page = self.reviews[kind]
        form = page.form(request.POST or None, initial={"version": record.version})
        if request.method == "POST" and form.is_valid():
            values = dict(form.cleaned_data)
            version = values.pop("version")
            try:
                page.write(**self._as(record), expected_version=version, by=request.user, **values)
            except AlreadyDone as already:
                messages.info(request, str(already))
                return redirect(record)
            except Refused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, page.done)
                return redirect(record)
        return render_page(page.template, form)

    def render(self, request, template, record, **context):
        """A page of the record, with its breadcrumbs."""
        return render(
            request,
            template,
            {self.noun: record, "breadcrumbs": self.breadcrumbs(record), **context},
        )
