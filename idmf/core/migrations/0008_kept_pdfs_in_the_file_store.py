import hashlib

from django.core.files.base import ContentFile
from django.db import migrations, models


def to_file_store(apps, schema_editor):
    """Each kept PDF's bytes move from the database to the file store."""
    StoredPdf = apps.get_model("core", "StoredPdf")
    for kept in StoredPdf.objects.all().iterator():
        name = hashlib.sha256(kept.key.encode()).hexdigest()[:32] + ".pdf"
        kept.file.save(name, ContentFile(bytes(kept.content)), save=True)


def forget_kept(apps, schema_editor):
    """Going back, kept PDFs are dropped: they are derived, and made again when asked for."""
    apps.get_model("core", "StoredPdf").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0007_action_due_order_index")]

    operations = [
        migrations.AddField(
            model_name="storedpdf",
            name="file",
            field=models.FileField(default="", max_length=200, upload_to="pdfs/"),
            preserve_default=False,
        ),
        migrations.RunPython(to_file_store, forget_kept),
        migrations.RemoveField(model_name="storedpdf", name="content"),
    ]
