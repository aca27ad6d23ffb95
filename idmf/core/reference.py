"""Reference data (questions, outcomes, prompts…) is data: each tool keeps it as Django
fixtures under fixtures/<tool>/, transcribed exactly from its source document, and loads it
with this from a data migration (and in tests whose flush removed it)."""

import json
from pathlib import Path

from django.db import migrations

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


def load_rows(get_model, app_label: str, files: list[tuple[str, str]]) -> None:
    """Each (model name, file) in order: its rows created, or updated by primary key.
    `get_model(app_label, model_name)` is a migration's `apps.get_model`, or the live one."""
    for model_name, filename in files:
        model = get_model(app_label, model_name)
        relations = {field.name for field in model._meta.fields if field.is_relation}
        rows = json.loads((FIXTURES / app_label / filename).read_text(encoding="utf-8"))
        for row in rows:
            fields = {
                f"{name}_id" if name in relations else name: value
                for name, value in row["fields"].items()
            }
            model.objects.update_or_create(pk=row["pk"], defaults=fields)


def reference_data_migration(app_label: str, files: list[tuple[str, str]]):
    """The operation of a tool's data migration: load its reference data (and, undone,
    remove it, last file first)."""

    def load(apps, schema_editor):
        load_rows(apps.get_model, app_label, files)

    def unload(apps, schema_editor):
        # Straight to the table: Django's delete would gather related rows through models
        # rendered for another state of the migrations, and refuse.
        for model_name, _ in reversed(files):
            table = apps.get_model(app_label, model_name)._meta.db_table
            schema_editor.execute(f"DELETE FROM {schema_editor.quote_name(table)}")

    return migrations.RunPython(load, unload)
