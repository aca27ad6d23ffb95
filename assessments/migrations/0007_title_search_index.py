from django.db import migrations

from idmf.core.search import title_index

add, remove = title_index("assessments", "Assessment", name="ehiira_title_words")


class Migration(migrations.Migration):
    """The index behind searching assessments by title words (PostgreSQL only)."""

    dependencies = [("assessments", "0006_list_indexes")]
    operations = [migrations.RunPython(add, remove)]
