"""The demo's board assurance: two approved reviews a year apart, the later one citing the
demo EHIIRA and decision record, and a pack the worker builds for an ICB Board meeting."""

import io

import pytest
from django.core.management import call_command

from boardtool.models import Pack, Review
from boardtool.report import build_matrix, with_parts
from tests import reference
from tests.pdf_text import pdf_outline_titles


@pytest.fixture
def demo(transactional_db):
    reference.put_back()
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_reviews_show_change_and_cite_the_demo_records(demo):
    later, earlier = with_parts(Review.objects.order_by("-approved_at"))
    assert later.status == earlier.status == "approved"
    matrix = build_matrix(later)
    rated = [v for v in matrix.cells if v.rating != "not_yet_assessed"]
    assert len(rated) >= 12
    assert matrix.previous == earlier
    k1p1 = next(v for v in matrix.cells if v.prompt.pk == 1)
    assert k1p1.change == "▲"
    assert {c.kind.noun for c in k1p1.cited} == {"EHIIRA", "Decision record"}
    call_command("load_demo", stdout=io.StringIO())  # again: nothing doubled
    assert Review.objects.count() == 2 and Pack.objects.count() == 1


def test_the_worker_builds_the_demo_pack(demo):
    pack = Pack.objects.get()
    assert pack.state == "queued"
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    pack.refresh_from_db()
    assert pack.state == "done"
    titles = pdf_outline_titles(pack.file.read())
    assert titles[0] == "Cover and contents" and titles[-1] == "Appendix: open actions"
    assert any(title.startswith("EHIIRA: ") for title in titles)
    assert any(title.startswith("Decision record: ") for title in titles)
