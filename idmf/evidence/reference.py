"""The dimensions equity evidence is broken down by, and their groups, from
fixtures/evidence/ (the ONS 2021 census's ethnic groups and the usual deprivation
quantiles). Used by the data migration and by tests that flush."""

from idmf.core.reference import load_rows

FILES = [("Dimension", "dimensions.json"), ("DimensionGroup", "dimension_groups.json")]


def load_reference_data(get_model) -> None:
    load_rows(get_model, "evidence", FILES)
