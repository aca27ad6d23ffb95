from django.db import migrations

from boardtool.reference import FILES
from idmf.core.reference import reference_data_migration


class Migration(migrations.Migration):
    dependencies = [("boardtool", "0001_initial")]
    operations = [reference_data_migration("boardtool", FILES)]
