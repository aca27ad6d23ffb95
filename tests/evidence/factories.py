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
