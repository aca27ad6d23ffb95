"""Build a board assurance pack of 20 reports; print its wall time and peak memory, beside
the time and memory of rendering the same parts' HTML with WeasyPrint alone.

Target: the pack costs no more than 1.2 × WeasyPrint alone (and is built by the worker,
never in a web request). Run with `make bench`. Uses a throwaway SQLite database under var/.
"""

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

from django.db import connections  # noqa: E402
from throwaway import fresh_demo  # noqa: E402

REPORTS = 20


def copy_of(record, field, n, parts):
    """A copy of `record` with " (n)" after its `field`, and copies of its `parts` (the name
    of the related manager) that belong to the copy."""
    copy = type(record).objects.get(pk=record.pk)
    copy.pk = None
    setattr(copy, field, f"{getattr(record, field)} ({n})")
    copy.save()
    related = getattr(record, parts)
    for part in related.all():
        part.pk = None
        setattr(part, related.field.name, copy)
        part.save()
    return copy


def setup() -> int:
    """The demo, with approved copies of its review and EHIIRA to make 20 reports; a pack
    of them (not yet built)."""
    from assessments.models import Assessment
    from boardtool.demo import pack_of
    from boardtool.models import Review

    fresh_demo("bench-pack.sqlite3")
    review = Review.objects.filter(status="approved").order_by("-approved_at").first()
    assessment = Assessment.objects.get(status="approved")
    chosen = []
    for n in range(1, REPORTS // 2 + 1):
        chosen.append(copy_of(review, "subject", n, "cells"))
        chosen.append(copy_of(assessment, "title", n, "answers"))
    pack = pack_of(
        chosen,
        organisation=review.organisation,
        board="ICB Board",
        meeting_date="2026-12-10",
        by=review.created_by,
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
    from idmf.core.typesetting import BASE_URL, StaticOnlyURLFetcher

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
