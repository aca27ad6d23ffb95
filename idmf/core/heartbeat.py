"""Saying "still alive" from a thread of its own while long work runs: a pack's build (one
part can take longer than the beat), and the task worker itself (the readiness check and
the metrics read its last beat)."""

import datetime
import os
import socket
import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from idmf.core.models import WorkerHeartbeat

WORKER_BEAT = datetime.timedelta(seconds=30)
# A worker silent this long is taken to be gone (the readiness check says so).
WORKER_SILENT_AFTER = datetime.timedelta(minutes=2)
FORGET_AFTER = datetime.timedelta(days=1)


@contextmanager
def beating(beat: Callable[[], None], *, every: datetime.timedelta, name: str):
    """While the block runs, `beat()` is called every `every`, from a thread (with its own
    database connection, closed when it stops)."""
    stop = threading.Event()

    def run():
        try:
            while not stop.wait(every.total_seconds()):
                beat()
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_beat(worker: str) -> None:
    """The worker `worker` is alive now; workers silent for a day are forgotten."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker=worker, defaults={"beat_at": now})
    WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()


def last_worker_beat() -> datetime.datetime | None:
    latest = WorkerHeartbeat.objects.order_by("-beat_at").first()
    return latest.beat_at if latest else None
