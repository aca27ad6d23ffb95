"""The demo, loaded once a test process and put back before each browser test that uses it.

Loading the demo (`load_demo`, with the reference data a transactional test's flush
removes) took a few seconds a test, which most of the browser tests spent again. Instead the
first test of a process loads it and copies every table of the project into a twin
(`snapshot__<table>`, which no model knows, so a flush leaves it alone); each later test
empties the tables and copies the twins back, in one transaction. Every test still starts
from the demo exactly as it was loaded: the same rows, ids and content types."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

PREFIX = "snapshot__"


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def taken() -> bool:
    return f"{PREFIX}django_content_type" in connection.introspection.table_names()


def take() -> None:
    """Copy every table of the project into its twin."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            twin = _quoted(PREFIX + table)
            cursor.execute(f"DROP TABLE IF EXISTS {twin}")
            cursor.execute(f"CREATE TABLE {twin} AS SELECT * FROM {_quoted(table)}")


def restore() -> None:
    """Every table of the project as it was when `take` copied it."""
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        # Emptied row by row, the foreign keys checked when the rows are back: on PostgreSQL
        # a `TRUNCATE` of every table makes new files for each table and index (about 0.5 s
        # against 0.1 s for the demo's rows).
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:
            cursor.execute(f"DELETE FROM {_quoted(table)}")
        for table in tables:
            cursor.execute(f"INSERT INTO {_quoted(table)} SELECT * FROM {_quoted(PREFIX + table)}")
    ContentType.objects.clear_cache()  # ids as the twins have them
