"""One test database migrated for the whole run, copied for each pytest-xdist worker.

Each worker used to migrate its own test database: about 100 migrations, 12 s of one core
alone and 20-27 s each when three workers did it at once on two cores. Now the controlling
process migrates one before the workers start and copies it for each of them: on PostgreSQL
`CREATE DATABASE … TEMPLATE` (well under a second each), on SQLite the test file copied by
SQLite's backup. The workers keep the copy they are given (pytest-django's `keepdb`), and
the controller removes them all at the end. A worker whose copy is missing (one xdist
restarted under a new name) migrates its own as before.

`make test` migrates the template ahead of pytest (`python -m tests.databases`, while it makes
the stylesheet, collects the static files and checks the code) and says so in
IDMF_TEST_DATABASE_PREPARED: the controller then keeps it rather than migrating it again."""

import os
import sqlite3
from pathlib import Path

import pytest

TEMPLATE = "IDMF_TEST_DATABASE_TEMPLATE"
PREPARED = "IDMF_TEST_DATABASE_PREPARED"


def workers(config) -> int:
    """How many xdist workers this process is about to start (0 in a worker, or alone)."""
    if hasattr(config, "workerinput"):
        return 0
    count = getattr(config.option, "numprocesses", None)
    return count if isinstance(count, int) else 0


def _unblocked(config):
    from pytest_django.plugin import blocking_manager_key

    return config.stash[blocking_manager_key].unblock()


def make_for_workers(config) -> None:
    """In the controller: migrate the template and copy it for the workers."""
    from django.db import connection

    count = workers(config)
    if not count or config.option.collectonly or not _copyable(connection):
        return
    with _unblocked(config):
        template = _migrated(connection, keep=os.environ.get(PREPARED) == "1")
        for number in range(count):
            if connection.vendor == "sqlite":
                _copy_sqlite(template, f"{template}_gw{number}")
            else:
                connection.creation.clone_test_db(
                    suffix=f"gw{number}", verbosity=0, autoclobber=True
                )
    os.environ[TEMPLATE] = template


def _copyable(connection) -> bool:
    """Whether the test database can be copied for other processes: not SQLite in memory (a
    database a process, which no other can copy)."""
    if connection.vendor not in {"postgresql", "sqlite"}:
        return False
    creation = connection.creation
    return not (
        connection.vendor == "sqlite" and creation.is_in_memory_db(creation._get_test_db_name())
    )


def _migrated(connection, *, keep: bool) -> str:
    """The template, migrated afresh (or, with `keep`, as `make test` left it)."""
    template = connection.creation.create_test_db(
        verbosity=0, autoclobber=not keep, serialize=False, keepdb=keep
    )
    connection.close()
    return template


def _copy_sqlite(source: str, target: str) -> None:
    Path(target).unlink(missing_ok=True)
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    old.close()
    new.close()


def drop_copies(config) -> None:
    """In the controller, after the workers have stopped: drop the template and its
    copies (a worker keeps its copy, so that it does not drop it itself)."""
    from django.db import connection

    template = os.environ.pop(TEMPLATE, None)
    if template is None or not workers(config):
        return
    if connection.vendor == "sqlite":
        for path in Path(template).parent.glob(Path(template).name + "*"):
            path.unlink(missing_ok=True)
        return
    with _unblocked(config), connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
            [template, template.replace("_", r"\_") + r"\_gw%"],
        )
        for (name,) in cursor.fetchall():
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


@pytest.fixture(scope="session")
def django_db_keepdb(request) -> bool:
    """A worker keeps the copy made for it, rather than migrating a new one."""
    return bool(os.environ.get(TEMPLATE)) or request.config.getvalue("reuse_db")


def flush_by_deleting() -> None:
    """After each transactional test (a browser's live server, the serving tests) Django
    empties every table. On PostgreSQL it does so with one `TRUNCATE` of all of them, which
    makes new files for each table and index: 0.65-0.73 s a test here, for tables holding a
    test's few rows; `DELETE FROM` each table, in the same transaction, with the foreign keys
    checked at its end (Django makes them `DEFERRABLE INITIALLY DEFERRED`), leaves the same
    empty tables in 0.04-0.12 s. On both engines the reference data's tables are kept (the
    questions, groups, outcomes, prompts and dimensions the data migrations load, which no
    test changes and which refer to no other table): loading them again took 0.5 s a test.
    Where sequences are to be reset, Django's own flush is kept."""
    # Each engine's operations as its connection class names them (importing an engine's
    # `operations` module before its `base` is an import circle in Django).
    from django.db.backends.postgresql.base import DatabaseWrapper as Postgres
    from django.db.backends.sqlite3.base import DatabaseWrapper as Sqlite

    from tests import reference

    def flushing(engine, *, delete: bool):
        own = engine.sql_flush

        def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
            if reset_sequences:
                return own(self, style, tables, reset_sequences=True, allow_cascade=allow_cascade)
            kept = reference.tables()
            tables = [table for table in tables if table not in kept]
            if not delete or not tables:
                return own(self, style, tables, allow_cascade=allow_cascade)
            return ["SET CONSTRAINTS ALL DEFERRED;"] + [
                f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
                for table in tables
            ]

        engine.sql_flush = sql_flush

    flushing(Postgres.ops_class, delete=True)
    flushing(Sqlite.ops_class, delete=False)  # SQLite's own flush deletes


def prepare() -> None:
    """The template migrated afresh, before pytest starts (`make test`)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")
    django.setup()
    from django.db import connection

    if _copyable(connection):
        _migrated(connection, keep=False)


if __name__ == "__main__":
    prepare()
