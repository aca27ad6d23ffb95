"""Load the EDS domains and outcomes from fixtures/eds/ (transcribed from the EDS 2022
reporting template, seed 002). Used by the data migration and by tests that flush."""

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eds"
FILES = [("EdsDomain", "domains.json"), ("EdsOutcome", "outcomes.json")]


def load_reference_data(get_model) -> None:
    """`get_model(app_label, model_name)`: a migration's `apps.get_model`, or the live one."""
    for model_name, filename in FILES:
        model = get_model("eds", model_name)
        for row in json.loads((FIXTURES / filename).read_text(encoding="utf-8")):
            fields = dict(row["fields"])
            if model_name == "EdsOutcome":
                fields["domain_id"] = fields.pop("domain")
            model.objects.update_or_create(pk=row["pk"], defaults=fields)
