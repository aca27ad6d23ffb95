from django.db import migrations

from idmf.core.search import title_index

add, remove = title_index("decisions", "DecisionRecord", name="decision_title_words")


class Migration(migrations.Migration):
    """The index behind searching decision records by title words (PostgreSQL only)."""

    dependencies = [("decisions", "0002_steps_completed_and_indexes")]
    operations = [migrations.RunPython(add, remove)]
