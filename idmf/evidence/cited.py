"""Equity evidence as a record that cites it shows it: each table's gap in one sentence and,
where a later period has been entered since, how the gap moved from the table cited (the
baseline) to the latest period (now). Two queries for all the tables a record cites."""

from dataclasses import dataclass

from idmf.evidence import figures as computing
from idmf.evidence import trend, words
from idmf.evidence.models import EvidenceSettings, EvidenceTable, in_series
from idmf.evidence.public import PublicTable, public_table


@dataclass
class Cited:
    table: EvidenceTable
    summary: str
    latest: EvidenceTable
    change: str  # baseline → now, or "" while the cited table is the latest
    figures: computing.Figures


def cited(tables) -> list[Cited]:
    tables = list(tables)
    if not tables:
        return []
    firsts = {table.first_period_id for table in tables}
    every = list(in_series(firsts).select_related("dimension").prefetch_related("rows"))
    series = trend.by_indicator(every)
    by_id = {table.pk: table for table in every}
    shown = []
    for table in sorted(tables, key=lambda t: (t.indicator, t.period_to, t.pk)):
        this = by_id[table.pk]
        latest = series[this.first_period_id][-1]
        figures = computing.compute(this, this.rows.all())
        change = ""
        if latest.pk != this.pk:
            now = computing.compute(latest, latest.rows.all())
            change = trend.movement(figures, now).said
        shown.append(Cited(this, words.summary(figures), latest, change, figures))
    return shown


def cited_publicly(tables) -> list[PublicTable]:
    """The tables as the public sees them, small numbers suppressed by each organisation's
    threshold. Three queries."""
    tables = list(tables.select_related("dimension").prefetch_related("rows"))
    if not tables:
        return []
    thresholds = {
        chosen.organisation_id: chosen.suppress_up_to
        for chosen in EvidenceSettings.objects.filter(
            organisation_id__in={table.organisation_id for table in tables}
        )
    }
    default = EvidenceSettings._meta.get_field("suppress_up_to").default
    return [
        public_table(
            computing.compute(table, table.rows.all()),
            thresholds.get(table.organisation_id, default),
        )
        for table in tables
    ]


def evidence_state(*querysets) -> list[tuple[int, int]]:
    """What a kept PDF that cites these tables depends on: every period of their indicators,
    each with its version (a figure saved, or a period added, changes it). One query."""
    firsts = set()
    for tables in querysets:
        firsts |= {table.first_period_id for table in tables.only("pk", "series_id")}
    return list(in_series(firsts).values_list("pk", "version"))
