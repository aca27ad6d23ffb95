"""Building a board assurance pack: each part rendered as its own tool exports it, then a
cover and contents with the parts' page numbers, an appendix of the open actions the packed
records raised, all merged into one PDF with a bookmark for each part, and signed with the
site's certificate (idmf.core.signing).

Parts are rendered one at a time and only their bytes kept, so memory stays near one
report's; progress is saved after each part so the pack's page can show it. A failure
anywhere leaves the pack failed with the error, and no file: nothing half-built is offered.
"""

import datetime
import io
import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from boardtool.models import Pack, Review
from boardtool.report import build_matrix, with_parts
from idmf.actions.models import Action
from idmf.core import heartbeat, records, signing
from idmf.core.file_store import StoreUnavailable, reaching_store
from idmf.core.typesetting import render_pdf
from idmf.notices import outbox

log = logging.getLogger(__name__)


def packed_records(pack: Pack) -> list[tuple[records.RecordKind, object]]:
    """The pack's records, in its order (each as its tool fetches it)."""
    found = records.fetch([(item.record_type_id, item.record_id) for item in pack.items.all()])
    chosen = []
    for item in pack.items.all():
        record = found.get((item.record_type_id, item.record_id))
        if record is None:
            raise LookupError(f"{item.title} no longer exists")
        chosen.append((records.kind_for(type(record)), record))
    return chosen


def beating(pack_id: int, every: datetime.timedelta = Pack.HEARTBEAT):
    """While the block runs, the pack says every `every` that its build is alive (from a
    thread of its own: one part can take longer than that to render). A killed worker
    stops beating, and the pack's page then fails the build (services.fail_dead_build)."""

    def beat():
        Pack.objects.filter(pk=pack_id, state=Pack.State.BUILDING).update(
            heartbeat_at=timezone.now()
        )

    return heartbeat.beating(beat, every=every, name=f"pack-{pack_id}-heartbeat")


def _progress(pack: Pack, done: int) -> None:
    pack.parts_done = done
    pack.save(update_fields=["parts_done"])


def _page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def build(pack_id: int) -> None:
    # Claim the pack: only a queued one is built, by one worker (a second run of the same
    # task, or a retry racing a build, finds it claimed and does nothing).
    now = timezone.now()
    claimed = Pack.objects.filter(pk=pack_id, state=Pack.State.QUEUED).update(
        state=Pack.State.BUILDING, started_at=now, heartbeat_at=now, parts_done=0, error=""
    )
    if not claimed:
        return
    pack = Pack.objects.select_related("organisation").get(pk=pack_id)
    try:
        with beating(pack.pk):
            _build(pack)
    except BaseException as error:  # any failure, a stopped worker too: say it, keep nothing
        log.exception("Pack %s failed", pack.pk)
        Pack.objects.filter(pk=pack.pk, state=Pack.State.BUILDING).update(
            state=Pack.State.FAILED, error=_in_words(error), file=""
        )
        if not isinstance(error, Exception):
            raise


def _in_words(error: BaseException) -> str:
    if isinstance(error, StoreUnavailable):
        return f"{error} Nothing was kept: try again."
    return f"{type(error).__name__}: {error}"


def _build(pack: Pack) -> None:
    chosen = packed_records(pack)
    reviews = [record for kind, record in chosen if kind.model is Review]
    # Cover and contents, a scorecard per review, each record, the appendix.
    pack.parts_total = 1 + len(reviews) + len(chosen) + 1
    pack.save(update_fields=["parts_total"])

    parts: list[tuple[str, bytes]] = []  # (bookmark title, PDF)
    for review in reviews:
        full = with_parts(Review.objects).get(pk=review.pk)
        parts.append(
            (
                f"Scorecard: {full}",
                _part(
                    "boardtool/pdf/scorecard.html",
                    {
                        "review": full,
                        "matrix": build_matrix(full),
                        "organisation": pack.organisation,
                        "record_title": f"Scorecard: {full}",
                    },
                ),
            )
        )
        _progress(pack, len(parts))
    for kind, record in chosen:
        template, context = kind.pdf(record)
        parts.append((f"{kind.noun}: {kind.title(record)}", _part(template, context)))
        _progress(pack, len(parts))
    actions = _open_actions(chosen)
    parts.append(
        (
            "Appendix: open actions",
            _part(
                "boardtool/pdf/pack_actions.html",
                {
                    "pack": pack,
                    "actions": actions,
                    "organisation": pack.organisation,
                    "record_title": "Open actions",
                },
            ),
        )
    )
    _progress(pack, len(parts))

    sizes = [_page_count(pdf) for _, pdf in parts]
    # The cover's own length decides where the parts start: render it until its length is
    # the one its page numbers assumed.
    front_pages = 1
    for _ in range(5):
        page, contents = front_pages + 1, []
        for (title, _), size in zip(parts, sizes, strict=True):
            contents.append({"title": title, "page": page})
            page += size
        front = _front(pack, contents)
        if _page_count(front) == front_pages:
            break
        front_pages = _page_count(front)
    else:
        raise RuntimeError("The cover and contents did not settle on a length")

    writer = PdfWriter()
    writer.append(io.BytesIO(front), import_outline=False)
    writer.add_outline_item(title="Cover and contents", page_number=0)
    for (title, pdf), entry in zip(parts, contents, strict=True):
        writer.append(io.BytesIO(pdf), import_outline=False)
        writer.add_outline_item(title=title, page_number=entry["page"] - 1)
    # One numbering for the whole pack, as the contents page counts: "Page 18 of 40".
    numbered = render_pdf("pdf/page_numbers.html", {"pages": range(len(writer.pages))})
    numbers = PdfReader(io.BytesIO(numbered))
    for page, number in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(number)
    writer.add_metadata({"/Title": f"Board assurance pack: {pack}"})
    out = io.BytesIO()
    writer.write(out)
    # Signed as a whole, so that a copy sent to the board can be checked against alteration.
    pdf = signing.sign(
        pdf=out.getvalue(),
        title=f"Board assurance pack: {pack}",
        record=pack,
        url=pack.get_absolute_url(),
    )
    with reaching_store():  # a store that is down fails the build: it may be tried again
        name = pack.file.storage.save(f"packs/pack-{pack.pk}.pdf", ContentFile(pdf))
    done = Pack.objects.filter(pk=pack.pk, state=Pack.State.BUILDING).update(
        file=name,
        state=Pack.State.DONE,
        finished_at=timezone.now(),
        contents=contents,
        pages=front_pages + sum(sizes),
        parts_done=pack.parts_total,
        error="",
    )
    if not done:  # no longer this build's to finish (retried meanwhile): offer nothing
        pack.file.storage.delete(name)
    else:
        outbox.pack_ready(pack)


def _part(template: str, context: dict) -> bytes:
    """A part of the pack, without its own page numbers (the pack numbers every page)."""
    return render_pdf(template, {**context, "numbered_by_pack": True})


def _front(pack: Pack, contents: list[dict]) -> bytes:
    return _part(
        "boardtool/pdf/pack_cover.html",
        {
            "pack": pack,
            "contents": contents,
            "organisation": pack.organisation,
            "record_title": "Board assurance pack",
        },
    )


def _open_actions(chosen) -> list[tuple[str, Action]]:
    """The open actions raised by the packed records, with the record that raised them."""
    found = []
    for kind, record in chosen:
        for action in (
            Action.objects.of_record(record)
            .filter(status__in=Action.OPEN_STATUSES)
            .order_by("due_date", "pk")
        ):
            found.append((f"{kind.noun}: {kind.title(record)}", action))
    return found
