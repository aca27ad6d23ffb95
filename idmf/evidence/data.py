"""Equity evidence as open data, for the JSON export of a record that cites it (and of the
table itself): what was entered, and what was computed from it."""

from idmf.core.exports import when
from idmf.evidence import figures as computing
from idmf.evidence import words


def table_data(table, figures: computing.Figures) -> dict:
    estimates = {group.row.pk: group.estimate for group in figures.groups}
    rows = []
    for row in table.rows.all():
        estimate = estimates.get(row.pk)
        rows.append(
            {
                "group": row.group,
                "not_known": row.not_known,
                "numerator": row.numerator,
                "denominator": row.denominator,
                "value_given": row.value,
                "standard_error": row.se,
                "lower_given": row.lower,
                "upper_given": row.upper,
                "value": estimate.value if estimate else None,
                "lower_95": estimate.lower if estimate else None,
                "upper_95": estimate.upper if estimate else None,
            }
        )
    return {
        "id": table.pk,
        "indicator": table.indicator,
        "numerator": table.numerator,
        "denominator": table.denominator,
        "source": table.source,
        "source_url": table.source_url,
        "period_from": when(table.period_from),
        "period_to": when(table.period_to),
        "kind": table.kind,
        "per": table.per,
        "unit": table.unit,
        "polarity": table.polarity,
        "dimension": table.dimension.name,
        "illustrative": table.illustrative,
        "note": table.note,
        "rows": rows,
        "gap": figures.gap.difference if figures.gap else None,
        "sii": figures.slope.sii if figures.slope else None,
        "rii": figures.slope.rii if figures.slope else None,
        "completeness_not_known": figures.completeness,
        "summary": words.summary(figures),
    }


def cited_data(cited_tables) -> list[dict]:
    """Each table a record cites (from `cited.cited`), with its change since, if any."""
    return [
        {
            **table_data(item.table, item.figures),
            "latest_period_id": item.latest.pk,
            "change_since": item.change,
        }
        for item in cited_tables
    ]
