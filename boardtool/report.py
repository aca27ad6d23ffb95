"""A board assurance review read as a whole: the 8 × 5 matrix with each cell's rating,
evidence, citations and actions, the scorecard's counts, and the change since the previous
approved review of the same subject. Reads a review fetched `with_parts` in a fixed number
of queries, whatever the number of citations and actions."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from boardtool import rules
from boardtool.models import Cell, Citation, Kloe, Priority, Prompt, Review
from idmf.actions.models import Action
from idmf.core import records
from idmf.core.dates import nhs_date
from idmf.core.history import editors_in

# History reasons of reviewing, not editing: they do not make an editor.
REVIEW_REASONS = ("Returned", "Approved")


def with_parts(queryset):
    return queryset.select_related(
        "organisation__system", "created_by", "approved_by", "previous_version", "next_version"
    ).prefetch_related(
        Prefetch(
            "cells",
            queryset=Cell.objects.select_related("prompt").prefetch_related("citations"),
        )
    )


@dataclass
class Reference:
    kloes: list[Kloe]
    priorities: list[Priority]
    prompts: dict[tuple[int, int], Prompt]

    def ordered(self) -> list[Prompt]:
        return [self.prompts[(k.pk, p.pk)] for k in self.kloes for p in self.priorities]


def reference() -> Reference:
    kloes, priorities = list(Kloe.objects.all()), list(Priority.objects.all())
    prompts = {(p.kloe_id, p.priority_id): p for p in Prompt.objects.all()}
    for prompt in prompts.values():  # so that str(prompt) reads no more
        prompt.kloe = next(k for k in kloes if k.pk == prompt.kloe_id)
        prompt.priority = next(p for p in priorities if p.pk == prompt.priority_id)
    return Reference(kloes, priorities, prompts)


@dataclass
class Cited:
    """A record cited by a cell, as the citation list shows it."""

    kind: records.RecordKind
    record: object
    citation: Citation

    @property
    def title(self) -> str:
        return self.kind.title(self.record)

    @property
    def status(self) -> str:
        return self.kind.status(self.record)


@dataclass
class CellView:
    prompt: Prompt
    cell: Cell | None
    previous: str | None = None  # the rating at the previous approved review
    cited: list[Cited] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def rating(self) -> rules.Rating:
        return rules.Rating(self.cell.rating if self.cell else rules.Rating.NOT_YET_ASSESSED)

    @property
    def change(self) -> str:
        return rules.change(self.rating, self.previous)

    @property
    def change_words(self) -> str:
        return rules.CHANGE_WORDS.get(self.change, "")


@dataclass
class Matrix:
    review: Review
    reference: Reference
    rows: list[tuple[Kloe, list[CellView]]]
    previous: Review | None
    by_kloe: list[rules.Counts]
    by_priority: list[rules.Counts]
    overall: rules.Counts

    @property
    def cells(self) -> list[CellView]:
        return [view for _, views in self.rows for view in views]

    def cell_for(self, prompt_id: int) -> CellView:
        return next(view for view in self.cells if view.prompt.pk == prompt_id)

    @property
    def kloe_counts(self):
        return list(zip(self.reference.kloes, self.by_kloe, strict=True))

    @property
    def priority_counts(self):
        return list(zip(self.reference.priorities, self.by_priority, strict=True))


def versions_of(review: Review) -> set[int]:
    """The ids of every version of the review (the one it replaces, those replacing it)."""
    root = review
    while root.previous_version_id:
        root = Review.objects.only("pk", "previous_version").get(pk=root.previous_version_id)
    found, frontier = {root.pk}, [root.pk]
    while frontier:
        frontier = list(
            Review.objects.filter(previous_version__in=frontier).values_list("pk", flat=True)
        )
        found.update(frontier)
    return found


def previous_approved(review: Review) -> Review | None:
    """The latest approved review of the same subject before this one: another review (not
    a version of this one), and not one a later approved version has replaced."""
    others = (
        Review.objects.filter(
            organisation_id=review.organisation_id,
            subject_kind=review.subject_kind,
            status=Review.Status.APPROVED,
        )
        .exclude(pk__in=versions_of(review))
        .exclude(next_version__status=Review.Status.APPROVED)
    )
    if review.subject_kind != Review.Subject.ORGANISATION:
        others = others.filter(subject__iexact=review.subject.strip())
    if review.approved_at:
        others = others.filter(approved_at__lt=review.approved_at)
    return with_parts(others.order_by("-approved_at", "-pk")).first()


def cell_type() -> ContentType:
    return ContentType.objects.get_for_model(Cell)


def build_matrix(review: Review, *, ref: Reference | None = None, compare=True) -> Matrix:
    ref = ref or reference()
    cells = {cell.prompt_id: cell for cell in review.cells.all()}
    previous = previous_approved(review) if compare else None
    before = {cell.prompt_id: cell.rating for cell in previous.cells.all()} if previous else {}
    citations = [c for cell in cells.values() for c in cell.citations.all()]
    found = records.fetch([(c.record_type_id, c.record_id) for c in citations])
    actions: dict[int, list[Action]] = {}
    if cells:
        for action in Action.objects.filter(
            source_type=cell_type(), source_id__in=[c.pk for c in cells.values()]
        ).order_by("due_date", "pk"):
            actions.setdefault(action.source_id, []).append(action)
    rows = []
    for kloe in ref.kloes:
        views = []
        for priority in ref.priorities:
            prompt = ref.prompts[(kloe.pk, priority.pk)]
            cell = cells.get(prompt.pk)
            cited = []
            for citation in cell.citations.all() if cell else []:
                record = found.get((citation.record_type_id, citation.record_id))
                if record is not None:
                    kind = records.kind_for(type(record))
                    cited.append(Cited(kind, record, citation))
            views.append(
                CellView(
                    prompt,
                    cell,
                    before.get(prompt.pk) if previous else None,
                    cited,
                    actions.get(cell.pk, []) if cell else [],
                )
            )
        rows.append((kloe, views))
    ratings = {
        (view.prompt.kloe.code, view.prompt.priority.code): view.rating
        for _, views in rows
        for view in views
    }
    by_kloe, by_priority, overall = rules.scorecard_counts(
        ratings, [k.code for k in ref.kloes], [p.code for p in ref.priorities]
    )
    return Matrix(review, ref, rows, previous, by_kloe, by_priority, overall)


def editors_of(review: Review) -> set[int]:
    """Everyone who wrote any part of the review: none of them may approve it."""
    cells = Cell.objects.filter(review=review).values("pk")
    return editors_in(
        review,
        review.history.all(),
        Cell.history.filter(review_id=review.pk),
        Citation.history.filter(cell_id__in=cells),
        reasons=REVIEW_REASONS,
    )


def citable(review: Review) -> list[Cited]:
    """The records of the review's organisation that a cell may cite, with their status."""
    return [
        Cited(kind, record, None)
        for kind, record in records.records_of(review.organisation)
        if kind.model is not Review
    ]


PDF_TEMPLATE = "boardtool/pdf/review.html"


def pdf_context(review: Review) -> dict:
    """The PDF of a review: the matrix, the scorecard, every cell (a pack uses it too)."""
    return {
        "review": review,
        "matrix": build_matrix(review),
        "organisation": review.organisation,
        "record_title": f"Board assurance review: {review}",
    }


def record_kind() -> records.RecordKind:
    """A review as a pack holds it: final once approved."""
    return records.RecordKind(
        model=Review,
        noun="Board assurance review",
        final=Q(status=Review.Status.APPROVED),
        draft=Q(status__in=Review.EDITABLE_STATUSES),
        queryset=lambda: Review.objects.select_related("organisation"),
        status=lambda review: review.get_status_display(),
        pdf=lambda review: (
            PDF_TEMPLATE,
            pdf_context(with_parts(Review.objects).get(pk=review.pk)),
        ),
        title=str,
        actions=lambda review: Action.objects.filter(
            source_type=cell_type(), source_id__in=review.cells.values("pk")
        ),
        raisers={Cell: "review"},
        public=Q(status=Review.Status.APPROVED, published_at__isnull=False),
        published_when=Review.Status.APPROVED,
        public_summary=public_summary,
    )


def public_summary(review: Review) -> list[tuple[str, str]]:
    """What the public register's page of a review says, beside its PDF: what was reviewed,
    by whom, and the scorecard's counts."""
    counts = Counter(review.cells.values_list("rating", flat=True))
    rated = ", ".join(
        f"{counts[rating]} {rules.Rating(rating).label.lower()}"
        for rating in rules.Rating.values
        if counts[rating]
    )
    return [
        ("What is reviewed", review.get_subject_kind_display()),
        ("Board or committee", review.board),
        ("Meeting", nhs_date(review.meeting_date) if review.meeting_date else "Not given"),
        ("Scorecard", rated or "No cell rated"),
        ("Approved", nhs_date(review.approved_at) if review.approved_at else ""),
    ]
