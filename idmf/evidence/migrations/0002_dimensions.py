from django.db import migrations

from idmf.core.reference import reference_data_migration
from idmf.evidence.reference import FILES


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_tables")]
    operations = [reference_data_migration("evidence", FILES)]
