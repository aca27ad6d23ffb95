"""A change mark for each organisation and dashboard panel, not one for each organisation:
a change counts again only the panels that count what changed. The marks are only marks (a
panel with none is counted at its next view), so the old table goes and a new one comes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0014_figures_changed"),
    ]

    operations = [
        migrations.DeleteModel(name="FiguresChanged"),
        migrations.CreateModel(
            name="FiguresChanged",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("organisation_id", models.BigIntegerField()),
                ("panel", models.CharField(max_length=200)),
                ("mark", models.CharField(max_length=32)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation_id", "panel"),
                        name="one_mark_per_organisation_and_panel",
                    )
                ],
            },
        ),
    ]
