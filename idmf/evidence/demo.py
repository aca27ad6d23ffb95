"""The demo's equity evidence: the FreeStyle Libre case study of the LLR Health Inequalities
Framework. The framework publishes two shares at each end (29% of Type 1 patients in the most
deprived quintile received FreeStyle Libre, 39% in the least; 14% in the practices with the
highest share of BME patients, 38% in those with the lowest) and no denominators: the
denominators and the middle quintiles here are illustrative, and said so wherever the tables
are shown."""

from datetime import date

from idmf.evidence import services
from idmf.evidence.models import Dimension, EvidenceTable

SOURCE = (
    "LLR Health Inequalities Framework, FreeStyle Libre case study (data from Abbott "
    "pharmaceuticals)"
)
NOTE = (
    "Published: {published}. The denominators and the middle quintiles are illustrative, "
    "added to show intervals and the slope index; they are not real data."
)
# Illustrative: 1,000 Type 1 patients in each quintile, the ends as published.
DEPRIVATION = [290, 310, 330, 360, 390]
ETHNICITY = [140, 220, 280, 330, 380]


def _table(organisation, author, slug, indicator, published, numerators):
    already = EvidenceTable.objects.filter(organisation=organisation, indicator=indicator).first()
    if already:  # the demo loaded before
        return already
    table = services.start_table(
        organisation=organisation,
        dimension=Dimension.objects.get(slug=slug),
        values={
            "indicator": indicator,
            "numerator": "Type 1 diabetes patients who received FreeStyle Libre",
            "denominator": "Type 1 diabetes patients registered with LLR practices",
            "source": SOURCE,
            "period_from": date(2019, 4, 1),
            "period_to": date(2020, 3, 31),
            "kind": EvidenceTable.Kind.PROPORTION,
            "polarity": EvidenceTable.Polarity.HIGHER_BETTER,
            "illustrative": True,
            "note": NOTE.format(published=published),
        },
        by=author,
    )
    *groups, not_known = table.rows.all()
    figures = {
        row.group: {"numerator": x, "denominator": 1000}
        for row, x in zip(groups, numerators, strict=True)
    }
    figures[not_known.group] = {"numerator": 12, "denominator": 60}  # illustrative too
    services.save_figures(
        table_id=table.pk, expected_version=table.version, figures=figures, by=author
    )
    return table


def load_fsl_evidence(*, organisation, author) -> list[EvidenceTable]:
    return [
        _table(
            organisation,
            author,
            "imd_quintile",
            "Type 1 patients receiving FreeStyle Libre, by deprivation",
            "29% in the most deprived quintile, 39% in the least deprived",
            DEPRIVATION,
        ),
        _table(
            organisation,
            author,
            "practice_bme_quintile",
            "Type 1 patients receiving FreeStyle Libre, by practice share of BME patients",
            "14% in the practices with the highest share of BME patients, 38% in those with "
            "the lowest",
            ETHNICITY,
        ),
    ]
