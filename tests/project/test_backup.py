"""A populated database, backed up and restored into an empty one, comes back identical:
every record, answer, action and history row."""

import uuid

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from idmf.actions.models import Action
from tests.assessments.factories import AssessmentFactory, approved, complete_stage2, submitted
from tests.decisions.factories import DecisionRecordFactory, complete_steps

APPS = ["core", "assessments", "decisions", "auth"]


def tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for label in APPS
            for model in apps.get_app_config(label).get_models()
        }
    )


def rows_sqlite(path, table):
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()


def rows_postgres(config, table):
    import psycopg

    with psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or None,
    ) as db:
        return db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()


def populate(cast):
    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    complete_stage2(assessment)
    approved(submitted(assessment, by=cast.author), by=cast.approver)
    Action.objects.create(
        organisation=cast.organisation,
        title="Monitor uptake",
        owner="Lead",
        due_date="2027-01-01",
        created_by=cast.author,
        source=assessment,
    )
    record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(record, 1, 2, 3)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_identical(cast, tmp_path):
    populate(cast)
    source = settings.DATABASES["default"]
    backup = tmp_path / "site.backup"
    call_command("backup", str(backup))
    assert backup.stat().st_size > 0
    connection.close()
    if source["ENGINE"].endswith("sqlite3"):
        target_name = str(tmp_path / "restored.sqlite3")
        call_command("restore", str(backup), into=f"sqlite:///{target_name}")

        def read(table):
            return rows_sqlite(source["NAME"], table), rows_sqlite(target_name, table)

    else:
        import psycopg

        scratch = f"restore_check_{uuid.uuid4().hex[:8]}"
        admin = {"dbname": "postgres", "user": source["USER"], "host": source["HOST"]}
        admin |= {"port": source["PORT"] or None, "password": source["PASSWORD"] or None}
        with psycopg.connect(**admin, autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{scratch}"')
        target = dict(source, NAME=scratch)
        user = f"{source['USER']}:{source['PASSWORD']}" if source["PASSWORD"] else source["USER"]
        port = f":{source['PORT']}" if source["PORT"] else ""
        call_command(
            "restore", str(backup), into=f"postgres://{user}@{source['HOST']}{port}/{scratch}"
        )

        def read(table):
            return rows_postgres(source, table), rows_postgres(target, table)

    compared, history = 0, 0
    try:
        for table in tables():
            before, after = read(table)
            assert before == after, table
            compared += len(before)
            history += len(after) if "historical" in table else 0
    finally:
        if not source["ENGINE"].endswith("sqlite3"):
            with psycopg.connect(**admin, autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    assert compared > 300 and history > 50  # records, answers, actions and their history


def test_table_counts_prints_each_tables_rows_and_the_total(cast):
    import io

    out = io.StringIO()
    call_command("table_counts", stdout=out)
    lines = dict(line.rsplit(" ", 1) for line in out.getvalue().splitlines())
    assert lines["core_organisation"] == "3"  # the cast's three organisations
    assert int(lines["auth_user"]) == len(cast.by_role()) + 3  # and three without a role
    assert int(lines.pop("total")) == sum(int(count) for count in lines.values())
