"""Typeset the longest EHIIRA a person can write (every answer 10,000 characters, 100 people,
60 actions) and print the time to render its HTML and to typeset it, beside the demo's
approved EHIIRA as the floor.

Target: the longest record typesets in 3 s or less (it is made by the worker, never in a web
request). Run with `make bench`. Uses a throwaway SQLite database under var/.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite:///var/bench-pdf.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

import django  # noqa: E402

django.setup()

from throwaway import fresh_demo  # noqa: E402


def longest_of(template):
    """A copy of the demo's `template` assessment, without its answers, made the longest."""
    from idmf.bench_data.longest import fill_to_the_longest

    longest = type(template).objects.get(pk=template.pk)
    longest.pk = None
    longest.title = "The longest assessment"
    longest.save()
    fill_to_the_longest(longest, by=template.created_by)
    return longest


# How tables were typeset before (widths measured from every word; rows kept whole).
BEFORE = "<style>table.long-text { table-layout: auto } tr.long { break-inside: avoid }</style>"


def timed(assessment, extra_head="") -> tuple[float, float, int]:
    """Seconds to render the PDF's HTML, seconds to typeset it, and its pages."""
    from django.template.loader import render_to_string
    from pypdf import PdfReader

    from assessments.models import Assessment
    from assessments.report import PDF_TEMPLATE, pdf_context, with_parts
    from idmf.core.typesetting import typeset

    started = time.perf_counter()
    html = render_to_string(
        PDF_TEMPLATE, pdf_context(with_parts(Assessment.objects).get(pk=assessment.pk))
    )
    rendered = time.perf_counter()
    pdf = typeset(html.replace("</head>", f"{extra_head}</head>"))
    finished = time.perf_counter()
    return rendered - started, finished - rendered, len(PdfReader(io.BytesIO(pdf)).pages)


def main():
    from assessments.models import Assessment

    fresh_demo("bench-pdf.sqlite3")
    demo = Assessment.objects.get(status="approved")
    longest = longest_of(demo)
    print(f"{'EHIIRA PDF':<34}{'HTML s':>8}{'typeset s':>11}{'pages':>7}")
    for name, record, extra_head in [
        ("demo's approved (floor)", demo, ""),
        ("longest, tables as before", longest, BEFORE),
        ("longest (target ≤ 3 s)", longest, ""),
    ]:
        html, pdf, pages = timed(record, extra_head)
        print(f"{name:<34}{html:>8.2f}{pdf:>11.2f}{pages:>7}")


if __name__ == "__main__":
    main()
