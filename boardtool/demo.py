"""The demo's board assurance: two approved reviews of the LLR Health Inequalities
Framework a year apart (the scorecard shows the change), the later citing the demo EHIIRA
and decision record, and a pack built for an ICB Board meeting."""

import datetime
import json

from django.conf import settings
from django.db import transaction

from boardtool.models import Cell, Citation, Pack, PackItem, Prompt, Review
from boardtool.tasks import build_pack
from idmf.actions.models import Action
from idmf.core import records
from idmf.core.logs import queue_on_commit
from idmf.core.models import Organisation
from idmf.core.services import save_with_history

DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo" / "board_reviews.json"
REASON = "Demo data: board assurance reviews of the LLR Health Inequalities Framework"


def _at(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(12), tzinfo=datetime.UTC
    )


@transaction.atomic
def load_demo_reviews(*, organisation_name, author, approver, cited) -> Review:
    """`cited`: {"ehiira": record, "decision": record} of the same organisation."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    organisation = Organisation.objects.get(name=organisation_name)
    existing = Review.objects.filter(organisation=organisation, subject=data["subject"])
    if existing.exists():
        return existing.order_by("-approved_at").first()
    prompts = {f"{p.kloe.code}{p.priority.code}": p for p in Prompt.objects.select_related(
        "kloe", "priority"
    )}  # fmt: skip
    review = None
    for entry in data["reviews"]:
        review = save_with_history(
            Review(
                organisation=organisation,
                subject_kind=Review.Subject.STRATEGY,
                subject=data["subject"],
                board=entry["board"],
                meeting_date=datetime.date.fromisoformat(entry["meeting_date"]),
                sro=entry["sro"],
                status=Review.Status.APPROVED,
                submitted_at=_at(entry["meeting_date"]),
                approved_by=approver,
                approver_name=approver.get_full_name(),
                approved_at=_at(entry["approved"]),
                # The board's papers are public: each approved review is on the register.
                published_at=_at(entry["approved"]),
                created_by=author,
                created_at=_at(entry["meeting_date"]) - datetime.timedelta(days=14),
            ),
            by=author,
            reason=REASON,
        )
        for code, (rating, evidence) in entry["cells"].items():
            cell = save_with_history(
                Cell(review=review, prompt=prompts[code], rating=rating, evidence=evidence),
                by=author,
                reason=REASON,
            )
            for name in entry.get("cite", []) if rating != "not_yet_assessed" else []:
                if code in ("K1P1", "K4P5"):
                    record = cited[name]
                    kind = records.kind_for(type(record))
                    save_with_history(
                        Citation(cell=cell, record_type=kind.content_type(), record_id=record.pk),
                        by=author,
                        reason=REASON,
                    )
            if code in entry.get("actions", {}):
                title, owner, due = entry["actions"][code]
                action = Action(
                    organisation=organisation,
                    title=title,
                    owner=owner,
                    due_date=datetime.date.fromisoformat(due),
                    created_by=author,
                )
                action.source = cell
                save_with_history(action, by=author, reason=REASON)
    return review


def pack_of(chosen, *, organisation, board, meeting_date, by) -> Pack:
    """A pack (not yet built) of the `chosen` records in order, each titled as its kind
    names it."""
    pack = Pack.objects.create(
        organisation=organisation, board=board, meeting_date=meeting_date, created_by=by
    )
    for order, record in enumerate(chosen, start=1):
        kind = records.kind_for(type(record))
        PackItem.objects.create(
            pack=pack,
            order=order,
            record_type=kind.content_type(),
            record_id=record.pk,
            title=f"{kind.noun}: {kind.title(record)}",
        )
    return pack


def queue_demo_pack(*, review, cited, by) -> Pack:
    """A pack for an ICB Board meeting: the review, the EHIIRA and the decision record."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["pack"]
    existing = Pack.objects.filter(organisation=review.organisation, board=data["board"]).first()
    if existing:
        return existing
    pack = pack_of(
        [review, cited["ehiira"], cited["decision"]],
        organisation=review.organisation,
        board=data["board"],
        meeting_date=datetime.date.fromisoformat(data["meeting_date"]),
        by=by,
    )
    # Built by the worker `make run` starts beside the web server, as any pack is.
    queue_on_commit(build_pack, pack.pk)
    return pack
