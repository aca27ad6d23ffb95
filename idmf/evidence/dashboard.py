"""The health-equity dashboard's "Gaps we are tracking": each indicator's latest gap, and its
direction since its first period (narrowing, widening or no change beyond chance), for the
dashboard's organisations. Two queries, however many tables."""

from collections import Counter

from idmf.core.dashboard import Figure, Panel, Scope
from idmf.evidence import figures as computing
from idmf.evidence import trend, words
from idmf.evidence.models import EvidenceTable

DIRECTION = {"narrowed": "Narrowing", "widened": "Widening"}
IN_A_SENTENCE = {
    "Narrowing": "narrowing",
    "Widening": "widening",
    "No significant change": "with no significant change",
    "One period so far": "with one period so far",
}


def tracked(scope: Scope) -> list[dict]:
    """Each indicator's latest period, its gap, and its direction over its periods."""
    tables = (
        EvidenceTable.objects.filter(organisation_id__in=scope.organisation_ids)
        .select_related("organisation", "dimension")
        .prefetch_related("rows")
        .order_by("period_to", "pk")
    )
    shown = []
    for periods in trend.by_indicator(tables).values():
        figured = [trend.Period(t, computing.compute(t, t.rows.all())) for t in periods]
        latest = figured[-1]
        moved = trend.baseline_to_now(figured)
        verdict = moved.gap.verdict if moved and moved.gap else ""
        gap = latest.figures.gap
        shown.append(
            {
                "table": latest.table,
                "gap": words.difference(latest.table, gap.difference) if gap else "Not computed",
                "periods": len(periods),
                "direction": DIRECTION.get(verdict, "No significant change")
                if verdict
                else "One period so far",
            }
        )
    return sorted(shown, key=lambda row: (row["table"].indicator, row["table"].pk))


def gaps_panel(scope: Scope) -> Panel:
    rows = tracked(scope)
    directions = Counter(row["direction"] for row in rows)
    said = "; ".join(f"{n} {IN_A_SENTENCE[d]}" for d, n in sorted(directions.items()))
    return Panel(
        order=15,
        title="Gaps we are tracking",
        template="evidence/dashboard.html",
        context={"rows": rows},
        key="gaps",
        headline=[
            Figure(
                "Equity gaps tracked",
                f"{len(rows)} indicator{'s' if len(rows) != 1 else ''}: {said}"
                if rows
                else "No equity evidence tables yet",
                scope.link("evidence:list"),
            )
        ],
    )
