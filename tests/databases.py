"""One test database migrated for the whole run, copied for each pytest-xdist worker.

Each worker used to migrate its own test database: about 100 migrations, 12 s of one core
alone and 20-27 s each when three workers did it at once on two cores. On PostgreSQL the
controlling process now migrates one database before the workers start and copies it for
each of them (`CREATE DATABASE … TEMPLATE`, well under a second each); the workers keep
the copy they are given (pytest-django's `keepdb`), and the controller drops them all at
the end. A worker whose copy is missing (one xdist restarted under a new name) migrates
its own as before. SQLite keeps one in-memory database a worker, migrated by each."""

import os

import pytest

TEMPLATE = "IDMF_TEST_DATABASE_TEMPLATE"


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
    """In the controller: migrate the template and copy it once for each worker."""
    from django.db import connection

    count = workers(config)
    if not count or connection.vendor != "postgresql" or config.option.collectonly:
        return
    with _unblocked(config):
        template = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        connection.close()
        for number in range(count):
            connection.creation.clone_test_db(suffix=f"gw{number}", verbosity=0, autoclobber=True)
    os.environ[TEMPLATE] = template


def drop_copies(config) -> None:
    """In the controller, after the workers have stopped: drop the template and its
    copies (a worker keeps its copy, so that it does not drop it itself)."""
    from django.db import connection

    template = os.environ.pop(TEMPLATE, None)
    if template is None or not workers(config):
        return
    with _unblocked(config), connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
            [template, template.replace("_", r"\_") + r"\_gw%"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(
                f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)"
            )


@pytest.fixture(scope="session")
def django_db_keepdb(request) -> bool:
    """A worker keeps the copy made for it, rather than migrating a new one."""
    return bool(os.environ.get(TEMPLATE)) or request.config.getvalue("reuse_db")
