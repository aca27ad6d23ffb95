"""Load the Stage 1 questions, sections and Stage 2 groups from fixtures/assessments/.

The wording is transcribed exactly from the source document (seed 004, appendix 3).
Used by the data migration and by tests that flush the database.
"""

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "assessments"
FILES = [
    ("Stage1Section", "stage1_sections.json"),
    ("Stage1Question", "stage1_questions.json"),
    ("Stage2Group", "stage2_groups.json"),
]


def load_reference_data(get_model) -> None:
    """`get_model(app_label, model_name)`: a migration's `apps.get_model`, or the live one."""
    for model_name, filename in FILES:
        model = get_model("assessments", model_name)
        for row in json.loads((FIXTURES / filename).read_text(encoding="utf-8")):
            fields = dict(row["fields"])
            if model_name == "Stage1Question":
                fields["section_id"] = fields.pop("section")
            model.objects.update_or_create(pk=row["pk"], defaults=fields)
