"""The readiness check: ready with the database, the file store, a worker heard from in the
last 2 minutes and the history intact; degraded (still 200: pages work) without the store,
the worker or with history altered; not ready (503) without the database."""

import datetime

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from idmf.core import heartbeat
from idmf.core.models import WorkerHeartbeat
from tests.assessments.factories import approved_assessment

pytestmark = pytest.mark.django_db


def ready(client):
    response = client.get(reverse("readyz"))
    return response.status_code, response.json()


def test_ready_with_the_database_the_store_and_a_worker(client):
    heartbeat.worker_beat("host:1")
    assert ready(client) == (
        200,
        {
            "status": "ready",
            "checks": {"database": "ok", "file_store": "ok", "worker": "ok", "history": "ok"},
        },
    )


def test_a_silent_worker_is_degraded_not_unready(client):
    assert ready(client)[1]["checks"]["worker"] == "no worker has ever reported"
    WorkerHeartbeat.objects.create(
        worker="host:1", beat_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    status, said = ready(client)
    assert status == 200 and said["status"] == "degraded"
    assert said["checks"]["worker"] == "no heartbeat for 3 minutes"


def test_a_store_that_is_down_is_degraded(client, object_store):
    heartbeat.worker_beat("host:1")
    assert ready(client)[1]["status"] == "ready"
    object_store.stop()
    status, said = ready(client)
    assert status == 200 and said["status"] == "degraded"
    assert said["checks"]["file_store"] == "unreachable"


def test_a_database_that_is_down_is_not_ready(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("idmf.operations.readiness.connection.cursor", unreachable)
    monkeypatch.setattr("idmf.operations.readiness.last_worker_beat", lambda: None)
    status, said = ready(client)
    assert status == 503 and said["checks"]["database"] == "unreachable"


def test_the_worker_beats_while_it_runs():
    beats = []
    with heartbeat.beating(
        lambda: beats.append(1), every=datetime.timedelta(milliseconds=20), name="test"
    ):
        while len(beats) < 3:
            pass
    assert len(beats) >= 3


def test_workers_silent_for_a_day_are_forgotten(db):
    WorkerHeartbeat.objects.create(
        worker="gone:9", beat_at=timezone.now() - datetime.timedelta(days=2)
    )
    heartbeat.worker_beat("host:1")
    assert list(WorkerHeartbeat.objects.values_list("worker", flat=True)) == ["host:1"]


def test_history_altered_behind_our_back_is_degraded(client, cast):
    record = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    heartbeat.worker_beat("host:1")
    assert ready(client)[1]["checks"]["history"] == "ok"
    table = Assessment.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET title = 'Quietly changed' WHERE id = %s", [record.pk])
    assert ready(client)[1]["checks"]["history"] == "ok"  # checked at most every 5 minutes
    cache.delete("readiness:history")
    status, said = ready(client)
    assert status == 200 and said["status"] == "degraded"
    assert said["checks"]["history"].startswith("3 altered: EHIIRA")
