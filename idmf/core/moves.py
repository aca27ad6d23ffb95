"""For migrations that move models from one app to another, their tables kept as they are."""

from django.db import migrations


def move_content_types(app_label: str, models: list[str], *, old_label: str = "core"):
    """A migration step: the models' content types (and so their permissions and admin log
    entries) follow them from `old_label` to `app_label`; on a new database there are none
    yet."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        moved = ContentType.objects.filter(app_label=old_label, model__in=models)
        moved.update(app_label=app_label)

    def backwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        moved = ContentType.objects.filter(app_label=app_label, model__in=models)
        moved.update(app_label=old_label)

    return migrations.RunPython(forwards, backwards)
