"""Actions, notices and invitations moved out of the core into apps of their own. A database
made before the move migrates forward with every row kept, in the same tables, and the
models' content types (their permissions, admin log entries) follow them."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("core", "0009_invitations_shares_people")]
MOVED = {
    "actions": ["action", "actionnote", "historicalaction"],
    "notices": ["notice", "noticeoptout", "historicalnoticeoptout"],
    "people": ["invitation", "historicalinvitation"],
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def empty_database():
    """Every table dropped: the database as a new deployment's was."""
    tables = [connection.ops.quote_name(name) for name in connection.introspection.table_names()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TABLE {', '.join(tables)} CASCADE")
            return
        with connection.constraint_checks_disabled():
            for table in tables:
                cursor.execute(f"DROP TABLE {table}")


@pytest.fixture
def before_the_move():
    """A database made before the move, as deployments made theirs: migrated forward from
    empty by `manage.py migrate` (its content types and permissions with it). Afterwards,
    the database is as it is now whatever happened."""
    empty_database()
    app, name = BEFORE[0]
    call_command("migrate", app, name, verbosity=0)
    yield MigrationExecutor(connection).loader.project_state(BEFORE).apps
    migrate(latest())


def test_rows_made_before_the_move_are_there_after_it(before_the_move):
    old = before_the_move
    user = old.get_model("auth", "User").objects.create(username="before", email="b@nhs.net")
    system = old.get_model("core", "System").objects.create(name="A system", short_name="AS")
    organisation = old.get_model("core", "Organisation").objects.create(
        name="An ICB", short_name="ICB", kind="icb", system=system
    )
    action = old.get_model("core", "Action").objects.create(
        organisation=organisation,
        title="Made before the move",
        owner="Someone",
        due_date=datetime.date(2027, 1, 31),
        created_by=user,
    )
    old.get_model("core", "ActionNote").objects.create(
        action=action, text="A note from before", created_by=user
    )
    old.get_model("core", "Notice").objects.create(
        kind="submitted", key="k", user=user, subject="Subject before", body="Body"
    )
    old.get_model("core", "NoticeOptOut").objects.create(user=user, kind="shared")
    old.get_model("core", "Invitation").objects.create(
        organisation=organisation,
        email="new@nhs.net",
        role="viewer",
        token_hash="f" * 64,
        invited_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )

    new = migrate(latest())

    assert new.get_model("actions", "Action").objects.get().title == "Made before the move"
    assert new.get_model("actions", "ActionNote").objects.get().text == "A note from before"
    assert new.get_model("notices", "Notice").objects.get().subject == "Subject before"
    assert new.get_model("notices", "NoticeOptOut").objects.get().kind == "shared"
    assert new.get_model("people", "Invitation").objects.get().email == "new@nhs.net"
    content_types = new.get_model("contenttypes", "ContentType").objects
    for app, models in MOVED.items():
        assert not content_types.filter(app_label="core", model__in=models).exists()
        found = set(content_types.filter(app_label=app).values_list("model", flat=True))
        assert set(models) <= found, app
