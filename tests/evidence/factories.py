"""An equity evidence table for tests that need one: started by the service, as an author
starts one, with empty figures."""

from datetime import date

from idmf.evidence import services
from idmf.evidence.models import Dimension


def uptake_table(organisation, *, by, dimension="imd_quintile"):
    return services.start_table(
        organisation=organisation,
        dimension=Dimension.objects.get(slug=dimension),
        values={
            "indicator": "Uptake of the service",
            "numerator": "People who took it up",
            "denominator": "People offered it",
            "source": "Our records",
            "period_from": date(2024, 4, 1),
            "period_to": date(2025, 3, 31),
            "kind": "proportion",
            "polarity": "higher_better",
        },
        by=by,
    )


def with_figures(table, numerators, *, by, n=1000):
    """`table` with each group's numerator of `n`, in order, and 1 in 10 not known."""
    *groups, not_known = table.rows.all()
    figures = {
        g.group: {"numerator": x, "denominator": n} for g, x in zip(groups, numerators, strict=True)
    }
    figures[not_known.group] = {"numerator": 1, "denominator": 10}
    services.save_figures(table_id=table.pk, expected_version=table.version, figures=figures, by=by)
    return type(table).objects.get(pk=table.pk)


def next_of(table, *, by, year=2025):
    """The next period of `table`: the year from 1 April."""
    return services.start_next_period(
        table_id=table.pk,
        period_from=date(year, 4, 1),
        period_to=date(year + 1, 3, 31),
        by=by,
    )
