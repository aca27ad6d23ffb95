"""Build a board assurance pack of 20 reports; print its wall time and peak memory, beside
the time and memory of rendering the same parts' HTML with WeasyPrint alone.

Target: the pack costs no more than 1.2 × WeasyPrint alone (and is built by the worker,
never in a web request). Run with `make bench`. Uses a throwaway SQLite database under var/.
"""

import io
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite:///var/bench-pack.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

REPORTS = 20


def setup() -> int:
    """The demo, with approved copies of its review and EHIIRA to make 20 reports; a pack
    of them (not yet built)."""
    from assessments.models import Assessment
    from boardtool.models import Pack, PackItem, Review
    from idmf.core import records

    Path(settings.BASE_DIR / "var" / "bench-pack.sqlite3").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    review = Review.objects.filter(status="approved").order_by("-approved_at").first()
    assessment = Assessment.objects.get(status="approved")
    chosen = []
    for n in range(REPORTS // 2):
        copy = Review.objects.get(pk=review.pk)
        copy.pk, copy.subject = None, f"{review.subject} ({n + 1})"
        copy.save()
        for cell in review.cells.all():
            cell.pk, cell.review = None, copy
            cell.save()
        chosen.append(copy)
        twin = Assessment.objects.get(pk=assessment.pk)
        twin.pk, twin.title = None, f"{assessment.title} ({n + 1})"
        twin.save()
        for answer in assessment.answers.all():
            answer.pk, answer.assessment = None, twin
            answer.save()
        chosen.append(twin)
    pack = Pack.objects.create(
        organisation=review.organisation,
        board="ICB Board",
        meeting_date="2026-12-10",
        created_by=review.created_by,
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
    return pack.pk


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def weasyprint_alone(pack_id: int, out) -> None:
    """The same parts' HTML (made first, not timed), each rendered by WeasyPrint."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from boardtool.models import Pack, Review
    from boardtool.pack import packed_records
    from boardtool.report import build_matrix, with_parts
    from idmf.core.pdf import BASE_URL, StaticOnlyURLFetcher

    pack = Pack.objects.get(pk=pack_id)
    chosen = packed_records(pack)
    pages = []
    for kind, record in chosen:
        if kind.model is Review:
            full = with_parts(Review.objects).get(pk=record.pk)
            pages.append(
                render_to_string(
                    "boardtool/pdf/scorecard.html",
                    {"review": full, "matrix": build_matrix(full), "record_title": "Scorecard"},
                )
            )
    for kind, record in chosen:
        template, context = kind.pdf(record)
        pages.append(render_to_string(template, context))
    before = peak_mb()
    started = time.perf_counter()
    for html in pages:
        HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
    out.put((time.perf_counter() - started, before, peak_mb(), len(pages)))


def pack_build(pack_id: int, out) -> None:
    from boardtool import pack as builder
    from boardtool.models import Pack

    before = peak_mb()
    started = time.perf_counter()
    builder.build(pack_id)
    elapsed = time.perf_counter() - started
    built = Pack.objects.get(pk=pack_id)
    assert built.state == "done", built.error
    out.put((elapsed, before, peak_mb(), built.pages))


def measure(target, pack_id):
    for connection in connections.all():
        connection.close()
    out = multiprocessing.Queue()
    child = multiprocessing.get_context("fork").Process(target=target, args=(pack_id, out))
    child.start()
    result = out.get()
    child.join()
    return result


def main():
    pack_id = setup()
    print(f"Board assurance pack of {REPORTS} reports (10 reviews, 10 EHIIRAs)")
    alone, before_a, peak_a, parts = measure(weasyprint_alone, pack_id)
    built, before_b, peak_b, pages = measure(pack_build, pack_id)
    print(f"{'':<28}{'seconds':>9}{'peak MB':>10}{'MB added':>10}")
    print(f"{'WeasyPrint alone':<28}{alone:>9.1f}{peak_a:>10.0f}{peak_a - before_a:>10.0f}"
          f"  ({parts} parts' HTML)")  # fmt: skip
    print(f"{'the pack, built':<28}{built:>9.1f}{peak_b:>10.0f}{peak_b - before_b:>10.0f}"
          f"  ({pages} pages, one PDF)")  # fmt: skip
    print(f"ratio (pack ÷ WeasyPrint alone): {built / alone:.2f} (target ≤ 1.20)")


if __name__ == "__main__":
    main()
