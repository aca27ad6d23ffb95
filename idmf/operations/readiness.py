"""Whether this app server is ready for traffic, and whether the service around it is
whole. `/healthz` says only that the process answers (liveness); `/readyz` checks:

- the database: without it no page works, so the server is "not ready" (503) and a load
  balancer should send its traffic elsewhere;
- the file store (pages work without it; downloads say it is not available), the task worker
  (a heartbeat in the last 2 minutes), and the history chain of the 100
  records most lately sealed (unaltered behind the application's back; the daily
  `manage.py verify_history` checks every record): pages still work without them, so the
  server is "degraded" (200), and the operator is alerted.

Each check is said in plain words; nothing in it is personal."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.utils import timezone

from idmf.core.dates import duration
from idmf.core.file_store import StoreUnavailable, reaching_store
from idmf.core.heartbeat import WORKER_SILENT_AFTER, last_worker_beat

HISTORY_CHECK_SECONDS = 300  # the history chain is checked at most this often


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    said: str
    essential: bool  # without it, this server cannot serve pages


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return Check("database", False, "unreachable", essential=True)
    return Check("database", True, "ok", essential=True)


def file_store() -> Check:
    try:
        with reaching_store():
            default_storage.exists("readiness-probe")
    except StoreUnavailable:
        return Check("file_store", False, "unreachable", essential=False)
    return Check("file_store", True, "ok", essential=False)


def worker() -> Check:
    last = last_worker_beat()
    if last is None:
        return Check("worker", False, "no worker has ever reported", essential=False)
    silent = timezone.now() - last
    if silent > WORKER_SILENT_AFTER:
        return Check("worker", False, f"no heartbeat for {duration(silent)}", essential=False)
    return Check("worker", True, "ok", essential=False)


def history(verify) -> Check:
    """`verify()` returns the problems found in the history chain (cached a while: it
    reads every sealed row)."""
    problems = cache.get_or_set("readiness:history", verify, HISTORY_CHECK_SECONDS)
    if problems:
        return Check("history", False, f"{len(problems)} altered: {problems[0]}", essential=False)
    return Check("history", True, "ok", essential=False)


def status_of(checks: list[Check]) -> str:
    if not all(check.ok for check in checks if check.essential):
        return "not ready"
    return "ready" if all(check.ok for check in checks) else "degraded"
