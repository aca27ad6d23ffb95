"""An equity evidence table as the other tools see it, through the core's registry of record
kinds: a board review's cell cites it, a pack holds its PDF, its Word and JSON downloads."""

from django.db.models import Q

from idmf.core.records import RecordKind
from idmf.evidence import chart, trend, words
from idmf.evidence.data import table_data
from idmf.evidence.figures import COMPLETENESS_WARNING, compute
from idmf.evidence.models import EvidenceTable

PDF_TEMPLATE = "evidence/pdf/table.html"


def shown_rows(computed) -> list[dict]:
    """Each group's row as a page or a PDF shows it: its value and interval in words."""
    table = computed.table
    shown = []
    for group in computed.groups:
        e = group.estimate
        shown.append(
            {
                "row": group.row,
                "numerator": words.count(group.row.numerator),
                "denominator": words.count(group.row.denominator),
                "value": words.amount(table, e.value) if e else "",
                "interval": (
                    f"{words.amount(table, e.lower)} to {words.amount(table, e.upper)}"
                    if e and e.lower is not None and e.upper is not None
                    else ""
                ),
                "problem": group.problem,
            }
        )
    if computed.not_known is not None:
        row = computed.not_known
        shown.append(
            {
                "row": row,
                "numerator": words.count(row.numerator),
                "denominator": words.count(row.denominator),
                "value": "",
                "interval": "",
                "problem": (
                    f"{words.share(computed.completeness)} of the whole denominator"
                    if computed.completeness is not None
                    else ""
                ),
            }
        )
    return shown


def figures_context(table: EvidenceTable, *, warn_over=COMPLETENESS_WARNING) -> dict:
    """What the table's page and its PDF both show: its figures, their words and chart, and
    every period of its indicator (`periods`) with baseline → now."""
    periods = trend.periods_of(table, warn_over=warn_over)
    computed = next(p.figures for p in periods if p.table.pk == table.pk)
    return {
        "table": table,
        "figures": computed,
        "rows": shown_rows(computed),
        "completeness": words.share(computed.completeness),
        "summary": words.summary(computed),
        "slope": words.slope_words(computed),
        "chart": chart.draw(computed),
        "periods": periods,
        "baseline": trend.baseline_to_now(periods),
        "latest": periods[-1].table,
    }


def pdf_context(table: EvidenceTable) -> dict:
    shown = figures_context(table)
    since, latest = shown["baseline"], shown["latest"]
    return {
        **shown,
        "change": since.said if since and latest.pk == table.pk else "",
        "organisation": table.organisation,
        "record_title": table.indicator,
    }


def title(table: EvidenceTable) -> str:
    return f"{table.indicator}, {table.period_from:%B %Y} to {table.period_to:%B %Y}"


def record_kind() -> RecordKind:
    """Every table may be cited and packed; none is a draft to share or hand on."""
    return RecordKind(
        model=EvidenceTable,
        noun="Equity evidence table",
        final=Q(),
        draft=Q(pk__in=[]),
        queryset=lambda: EvidenceTable.objects.select_related("organisation", "dimension"),
        status=lambda table: "illustrative figures" if table.illustrative else "figures",
        pdf=lambda table: (PDF_TEMPLATE, pdf_context(table)),
        title=title,
        data=lambda table: table_data(table, compute(table)),
        raises_actions=False,
    )
