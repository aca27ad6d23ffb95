"""The board assurance tool's reference data and pure rules."""

import json
from pathlib import Path

import pytest

from boardtool import rules
from boardtool.models import Kloe, Priority, Prompt
from boardtool.rules import Rating

# Reads the reference data the migrations load, which a transactional test run before it on
# the same worker may have flushed away.
pytestmark = pytest.mark.usefixtures("reference_data")

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "boardtool"


@pytest.mark.django_db
def test_the_matrix_is_8_key_lines_by_5_priorities_worded_as_the_tool():
    assert [k.code for k in Kloe.objects.all()] == [f"K{n}" for n in range(1, 9)]
    assert [p.code for p in Priority.objects.all()] == [f"P{n}" for n in range(1, 6)]
    assert Prompt.objects.count() == 40
    assert str(Kloe.objects.get(code="K1")) == (
        "K1. Leadership capability focused on achieving health equity"
    )
    assert Priority.objects.get(code="P1").title == "Restore NHS services Inclusively"
    assert Prompt.objects.get(kloe__code="K1", priority__code="P1").bullets == [
        "Bring questioning and challenge to ensure health equity is at the heart of plans "
        "for restoring services and reducing waiting lists."
    ]
    fixture = json.loads((SEED / "prompts.json").read_text(encoding="utf-8"))
    stored = {(p.kloe_id, p.priority_id): p.bullets for p in Prompt.objects.all()}
    for row in fixture:
        assert (
            stored[(row["fields"]["kloe"], row["fields"]["priority"])] == row["fields"]["bullets"]
        )
    assert all(bullets for bullets in stored.values())


def test_counts_per_key_line_per_priority_and_overall():
    ratings = {("K1", "P1"): "assured", ("K1", "P2"): "not_assured", ("K2", "P1"): "assured"}
    by_kloe, by_priority, overall = rules.scorecard_counts(ratings, ["K1", "K2"], ["P1", "P2"])
    assert by_kloe[0].of("assured") == 1 and by_kloe[0].of("not_assured") == 1
    assert by_kloe[1].of("assured") == 1 and by_kloe[1].of("not_yet_assessed") == 1
    assert by_priority[0].of("assured") == 2
    assert overall.of("not_yet_assessed") == 1 and sum(n for _, n in overall.counts) == 4
    assert [r for r, _ in overall.counts] == list(Rating)


@pytest.mark.parametrize(
    "now, before, arrow",
    [("assured", "partially_assured", "▲"), ("not_assured", "assured", "▼"),
     ("partially_assured", "partially_assured", "="), ("assured", None, ""),
     ("not_applicable", "assured", ""), ("assured", "not_yet_assessed", "")],
)  # fmt: skip
def test_change_since_the_previous_review(now, before, arrow):
    assert rules.change(now, before) == arrow


def test_every_rating_has_words_and_a_colour():
    for rating in Rating:
        assert rating.tag.text == rating.label and rating.tag.colour
