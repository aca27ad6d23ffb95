"""Count what each organisation has already published (an existing database): with the
running code's idea of "published", which is what the register shows. On a new database the
tools' tables may not exist yet when this runs, and there is nothing to count."""

from django.db import connection, migrations


def count_all(apps, schema_editor):
    from idmf.publishing.counts import recount_all
    from idmf.publishing.register import public_kinds

    tables = set(connection.introspection.table_names())
    if all(kind.model._meta.db_table in tables for kind in public_kinds()):
        recount_all()


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_published_counts")]
    operations = [migrations.RunPython(count_all, migrations.RunPython.noop)]
