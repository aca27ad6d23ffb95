"""The EDS domains and outcomes, from fixtures/eds/ (transcribed from the EDS 2022
reporting template, seed 002). Used by the data migration and by tests that flush."""

from idmf.core.reference import load_rows

FILES = [("EdsDomain", "domains.json"), ("EdsOutcome", "outcomes.json")]


def load_reference_data(get_model) -> None:
    load_rows(get_model, "eds", FILES)
