"""Reference data (questions, outcomes, prompts…) is data: each tool keeps it as Django
fixtures under fixtures/<tool>/, transcribed exactly from its source document, and loads it
with this from a data migration (and in tests whose flush removed it).

Pages read it through `kept`: once a minute in each process, not on every request."""

import json
import time
from pathlib import Path

from django.db import migrations
from django.db.models.signals import post_delete, post_save

# How long a process keeps reference data it read. A save or delete of it (in the admin) is
# seen at once by the process that made it, and by the others within this many seconds.
KEPT_FOR = 60.0
_kept_readers = []

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


def kept(*models):
    """Decorate a reader of the reference data in `models` (a function without arguments):
    what it returns is kept in this process for KEPT_FOR seconds, and forgotten at once when
    this process saves or deletes a row of `models`. What it returns is shared between
    requests: read it, never change it."""

    def decorate(read):
        state = {}  # "kept": (what was read, when), replaced whole (threads may share it)

        def reader():
            found = state.get("kept")
            if found is None or time.monotonic() - found[1] > KEPT_FOR:
                found = state["kept"] = (read(), time.monotonic())
            return found[0]

        def forget(**kwargs):
            state.pop("kept", None)

        for model in models:
            post_save.connect(forget, sender=model, weak=False)
            post_delete.connect(forget, sender=model, weak=False)
        reader.forget = forget
        _kept_readers.append(reader)
        return reader

    return decorate


def forget_all_kept() -> None:
    """Every process-kept reading forgotten (for tests, whose changes may be rolled back)."""
    for reader in _kept_readers:
        reader.forget()
