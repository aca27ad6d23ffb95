"""Rows in every table of the database, one line a table and the total: to compare a
database before a backup and after its restore."""

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Print how many rows each table of the database holds, and the total."

    def handle(self, *args, **options):
        total = 0
        with connection.cursor() as cursor:
            for table in sorted(connection.introspection.table_names(cursor)):
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                count = cursor.fetchone()[0]
                total += count
                self.stdout.write(f"{table} {count}")
        self.stdout.write(f"total {total}")
