"""Load the Stage 1 questions, sections and Stage 2 groups from fixtures/assessments/.

The wording is transcribed exactly from the source document (seed 004, appendix 3).
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "assessments"
FILES = [
    ("Stage1Section", "stage1_sections.json"),
    ("Stage1Question", "stage1_questions.json"),
    ("Stage2Group", "stage2_groups.json"),
]


def load(apps, schema_editor):
    for model_name, filename in FILES:
        model = apps.get_model("assessments", model_name)
        for row in json.loads((FIXTURES / filename).read_text(encoding="utf-8")):
            fields = dict(row["fields"])
            if model_name == "Stage1Question":
                fields["section_id"] = fields.pop("section")
            model.objects.update_or_create(pk=row["pk"], defaults=fields)


def unload(apps, schema_editor):
    for model_name, _ in reversed(FILES):
        apps.get_model("assessments", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
