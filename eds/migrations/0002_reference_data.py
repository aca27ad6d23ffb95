from django.db import migrations

from eds.reference import FILES, load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model)


def unload(apps, schema_editor):
    for model_name, _ in reversed(FILES):
        apps.get_model("eds", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("eds", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
