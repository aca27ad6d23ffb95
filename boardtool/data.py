"""A board assurance review as open data: its own content (the details, all 40 cells of the
key lines of enquiry × priorities with their ratings, evidence and citations, the scorecard's
counts, and the approval), as the stored text, for the JSON export that
`idmf.core.exports.record_data` wraps with what every record has."""

from django.contrib.contenttypes.models import ContentType

from boardtool import rules
from boardtool.models import Review
from boardtool.report import CellView, build_matrix, with_parts
from idmf.core.exports import when


def _with_parts(review: Review) -> Review:
    """The review with its parts; one fetched `with_parts` already is used as it is."""
    if "cells" in getattr(review, "_prefetched_objects_cache", {}):
        return review
    return with_parts(Review.objects).get(pk=review.pk)


def _citations(view: CellView) -> list[dict]:
    """Each record the cell cites, by its kind ("eds.edsreport") and id, in the order cited;
    its title where the record is still there to read."""
    titles = {cited.citation.pk: str(cited.title) for cited in view.cited}
    found = []
    for citation in sorted(view.cell.citations.all(), key=lambda c: c.pk) if view.cell else []:
        content_type = ContentType.objects.get_for_id(citation.record_type_id)  # cached
        found.append(
            {
                "kind": f"{content_type.app_label}.{content_type.model}",
                "id": citation.record_id,
                "title": titles.get(citation.pk),
            }
        )
    return found


def _cell(view: CellView) -> dict:
    return {
        "kloe": view.prompt.kloe.code,
        "priority": view.prompt.priority.code,
        "rating": view.rating.value,
        "rating_label": view.rating.label,
        "evidence": view.cell.evidence if view.cell else "",
        "citations": _citations(view),
    }


def _counts(counts: rules.Counts) -> dict[str, int]:
    return {rating.value: number for rating, number in counts.counts}


def review_data(review: Review) -> dict:
    """The review's own content: every one of the 40 cells, K1P1 … K8P5, a cell not yet
    saved as not yet assessed with no evidence."""
    review = _with_parts(review)
    matrix = build_matrix(review, compare=False)
    return {
        "subject_kind": review.subject_kind,
        "subject_kind_label": review.get_subject_kind_display(),
        "subject": review.subject,
        "board": review.board,
        "meeting_date": when(review.meeting_date),
        "sro": review.sro,
        "cells": [_cell(view) for view in matrix.cells],
        "scorecard": {
            "overall": _counts(matrix.overall),
            "by_kloe": {c.label: _counts(c) for c in matrix.by_kloe},
            "by_priority": {c.label: _counts(c) for c in matrix.by_priority},
        },
        "submitted_at": when(review.submitted_at),
        "return_comment": review.return_comment,
        "approval": {
            "approver_name": review.approver_name,
            "approved_at": when(review.approved_at),
        },
        "previous_version": review.previous_version_id,
    }
