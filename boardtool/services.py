"""Every write to a board assurance review: keyword-only, atomic, with the acting user."""

import logging

from django.db import transaction
from django.utils import timezone

from boardtool import rules
from boardtool.models import Cell, Citation, Pack, PackItem, Prompt, Review
from boardtool.report import editors_of
from boardtool.tasks import build_pack
from idmf.actions.services import raise_action
from idmf.core import records
from idmf.core import services as shared
from idmf.core.dates import duration
from idmf.core.logs import queue_on_commit
from idmf.core.models import person_name
from idmf.core.services import (
    AlreadyDone,
    Refused,
    save_edited,
    save_with_history,
    use_token,
)
from idmf.notices import outbox

log = logging.getLogger(__name__)


class ReviewError(Refused):
    """A write to a review that was refused."""


def _locked(review, *, expected_version) -> Review:
    return shared.lock_editable(
        Review.objects.select_related("organisation"),
        review.pk,
        expected_version=expected_version,
        noun="review",
        error=ReviewError,
        instead="An approved review is changed by starting a new version.",
    )


DETAILS = ["subject_kind", "subject", "board", "meeting_date", "sro"]


def _check_details(values: dict) -> None:
    """A named subject, except for the organisation as a whole (where a name typed is kept,
    but two such reviews compare whatever it says)."""
    if values["subject_kind"] != Review.Subject.ORGANISATION and not values["subject"].strip():
        raise ReviewError("Name the strategy, plan or initiative reviewed")


@transaction.atomic
def create_review(*, organisation, by, **details) -> Review:
    _check_details(details)
    review = Review(organisation=organisation, created_by=by, **details)
    return save_with_history(review, by=by, reason="Review started")


@transaction.atomic
def save_details(*, review, expected_version, by, **details) -> Review:
    _check_details(details)
    fresh = _locked(review, expected_version=expected_version)
    for name in DETAILS:
        setattr(fresh, name, details[name])
    return save_edited(fresh, by=by, reason="Review details saved")


def _cited_records(organisation, citations: list[tuple[int, int]]) -> list:
    """The records named by (content type id, id): each must be a registered record of the
    same organisation (a forged id is refused, not ignored)."""
    found = records.fetch(citations)
    for key in citations:
        record = found.get(key)
        if record is None or record.organisation_id != organisation.pk:
            raise ReviewError("Only records of this organisation can be cited")
    return [found[key] for key in citations]


@transaction.atomic
def save_cell(
    *, review, prompt: Prompt, expected_version, rating, evidence, citations, action=None, by
) -> Cell:
    """Save one cell: its rating, evidence and citations (`citations`: (content type id,
    record id) pairs), and add `action` ({"title", "owner", "due_date", "submission"}) to
    it if given."""
    if action:  # a second press of the same form: the first added it and saved the rest
        use_token(action["submission"], already=f"The action “{action['title']}” was already added")
    fresh = _locked(review, expected_version=expected_version)
    rules.Rating(rating)
    _cited_records(fresh.organisation, citations)
    cell = Cell.objects.filter(review=fresh, prompt=prompt).first() or Cell(
        review=fresh, prompt=prompt
    )
    reason = f"{prompt} saved"
    if cell.pk is None or (cell.rating, cell.evidence) != (rating, evidence):
        cell.rating, cell.evidence = rating, evidence
        save_with_history(cell, by=by, reason=reason)
    existing = {(c.record_type_id, c.record_id): c for c in cell.citations.all()}
    for key in citations:
        if key not in existing:
            save_with_history(
                Citation(cell=cell, record_type_id=key[0], record_id=key[1]), by=by, reason=reason
            )
    for key, citation in existing.items():
        if key not in citations:
            shared.delete_with_history(citation, by=by, reason=reason)
    if action:
        raise_action(action, organisation=fresh.organisation, source=cell, by=by)
    save_edited(fresh, by=by, reason=f"Action added: {action['title']}" if action else reason)
    return cell


def _ready_to_submit(fresh: Review) -> None:
    _locked(fresh, expected_version=None)
    if not fresh.cells.exclude(rating=rules.Rating.NOT_YET_ASSESSED).exists():
        raise ReviewError("Rate at least one cell before submitting the review")


@transaction.atomic
def submit_review(*, review, by) -> Review:
    fresh = shared.mark_submitted(
        Review.objects, review.pk, noun="review", ready=_ready_to_submit, by=by
    )
    outbox.record_submitted(fresh, noun="board assurance review", editors=editors_of(fresh), by=by)
    return fresh


def _reviewed(review, target, *, by, expected_version, done) -> Review:
    return shared.lock_for_review(
        Review.objects,
        review.pk,
        target=target,
        may_become=rules.may_become,
        by=by,
        error=ReviewError,
        editors_of=editors_of,
        done=done,
        noun="a review",
        expected_version=expected_version,
    )


@transaction.atomic
def approve_review(*, review, expected_version=None, by) -> Review:
    """Approved as the signed-in approver, now: neither the name nor the time is typed."""
    fresh = _reviewed(
        review, Review.Status.APPROVED, by=by, expected_version=expected_version, done="approved"
    )
    fresh.status = Review.Status.APPROVED
    fresh.approved_by = by
    fresh.approver_name = person_name(by)
    fresh.approved_at = timezone.now()
    fresh.return_comment = ""
    save_edited(fresh, by=by, reason="Approved")
    outbox.record_decided(fresh, noun="board assurance review", outcome="approved", by=by)
    return fresh


@transaction.atomic
def return_review(*, review, comment, expected_version=None, by) -> Review:
    fresh = _reviewed(
        review, Review.Status.DRAFT, by=by, expected_version=expected_version, done="returned"
    )
    fresh.status = Review.Status.DRAFT
    fresh.return_comment = comment
    save_edited(fresh, by=by, reason=f"Returned with comments: {comment[:150]}")
    outbox.record_decided(
        fresh, noun="board assurance review", outcome="returned", comment=comment, by=by
    )
    return fresh


@transaction.atomic
def start_new_version(*, review, by) -> Review:
    """A change to an approved review: a draft copy of its details, cells and citations
    (its actions are live: they stay where they were raised)."""
    source, draft, reason = shared.new_draft_version(
        Review.objects.select_for_update(),
        review.pk,
        is_final=lambda r: r.status == Review.Status.APPROVED,
        refusal=ReviewError("Only an approved review can start a new version"),
        noun="review",
        copied=lambda r: {
            "organisation": r.organisation,
            **{name: getattr(r, name) for name in DETAILS},
        },
        by=by,
    )
    save_with_history(draft, by=by, reason=reason)
    for cell in source.cells.prefetch_related("citations"):
        copy = save_with_history(
            Cell(
                review=draft, prompt_id=cell.prompt_id, rating=cell.rating, evidence=cell.evidence
            ),
            by=by,
            reason=reason,
        )
        for citation in cell.citations.all():
            save_with_history(
                Citation(
                    cell=copy, record_type_id=citation.record_type_id, record_id=citation.record_id
                ),
                by=by,
                reason=reason,
            )
    return draft


# --- packs ----------------------------------------------------------------------------


def _packable(organisation, chosen: list[tuple[int, int]]) -> list[tuple]:
    """The records named by (content type id, id), each of `organisation` and final
    (approved, authorised, complete); refused otherwise, forged ids included."""
    if not chosen:
        raise PackError("Choose at least one review or record to put in the pack")
    found = records.fetch(chosen)
    packable = []
    for key in chosen:
        record = found.get(key)
        if record is None or record.organisation_id != organisation.pk:
            raise PackError("Only records of this organisation can be packed")
        kind = records.kind_for(type(record))
        if not kind.queryset().filter(kind.final, pk=record.pk).exists():
            raise PackError(
                f"{kind.noun} “{kind.title(record)}” is {kind.status(record).lower()}: only "
                "approved records can be packed"
            )
        packable.append((key, kind, record))
    return packable


class PackError(Refused):
    """A pack that cannot be built as asked."""


def _enqueue(pack: Pack) -> None:
    queue_on_commit(build_pack, pack.pk)


@transaction.atomic
def request_pack(*, organisation, board, meeting_date, chosen, submission=None, by) -> Pack:
    """Queue the building of a pack of `chosen` ((content type id, id), in order)."""
    use_token(submission, already="That pack was already asked for")
    packable = _packable(organisation, chosen)
    pack = Pack.objects.create(
        organisation=organisation, board=board, meeting_date=meeting_date, created_by=by
    )
    for order, ((type_id, record_id), kind, record) in enumerate(packable, start=1):
        PackItem.objects.create(
            pack=pack,
            order=order,
            record_type_id=type_id,
            record_id=record_id,
            title=f"{kind.noun}: {kind.title(record)}",
        )
    _enqueue(pack)
    return pack


@transaction.atomic
def fail_dead_build(*, pack, by) -> Pack:
    """A build whose worker has stopped (silent for Pack.SILENT_AFTER) is failed, so that
    it may be tried again; any other pack is returned as it is. `by`: who noticed."""
    fresh = Pack.objects.select_for_update().get(pk=pack.pk)
    if fresh.is_dead:
        fresh.state = Pack.State.FAILED
        fresh.error = (
            "The worker building it stopped before it finished (nothing was heard from it "
            f"for {duration(Pack.SILENT_AFTER)}). Nothing was kept: try again."
        )
        fresh.save(update_fields=["state", "error"])
        log.warning("Pack %s: its build stopped; failed when user %s looked", pack.pk, by.pk)
    return fresh


@transaction.atomic
def rebuild_lost_pack(*, pack, by) -> Pack:
    """A built pack whose file the store no longer has (removed behind our back) is built
    again from its records; `by`: who asked for it and found it missing."""
    fresh = Pack.objects.select_for_update().get(pk=pack.pk)
    if fresh.state == Pack.State.DONE:
        log.warning("Pack %s: its file is missing from the store; built again", pack.pk)
        _build_again(fresh)
    return fresh


def _build_again(fresh: Pack) -> None:
    """Queue `fresh` (locked) to be built from the start: no error, no file, no part done."""
    fresh.state, fresh.error, fresh.file, fresh.parts_done = Pack.State.QUEUED, "", "", 0
    fresh.started_at = timezone.now()  # queued again now: not stuck until much later
    fresh.save(update_fields=["state", "error", "file", "parts_done", "started_at"])
    _enqueue(fresh)


@transaction.atomic
def retry_pack(*, pack, by) -> Pack:
    fresh = Pack.objects.select_for_update().get(pk=pack.pk)
    if not fresh.may_retry:
        raise AlreadyDone("This pack is already being built, or built")
    _build_again(fresh)
    return fresh
