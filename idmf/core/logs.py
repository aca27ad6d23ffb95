"""What the service logs, for an operations team: one JSON line per request and per
background task, each with the request's id (a task carries the id of the request that
queued it), and errors with the same id. The standard library's logging, with a JSON
formatter of our own: django-structlog would bring structlog and its processors for the
same few fields, and knows Celery's tasks, not Django's tasks framework.

Nothing personal or secret is logged: a user by id only (never a name or an e-mail), a
route by its name (never the path, which can hold an invitation's token, nor the query,
which can hold what someone searched for), and any e-mail address in a message is masked."""

import contextvars
import datetime
import functools
import json
import logging
import re
import time
import uuid

from django.db import connection, transaction

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
HEADER = "X-Request-ID"
# An id a proxy in front of us gave the request is kept when it looks like one.
GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# The fields of a log line besides time, level, logger, message and request id.
FIELDS = (
    "method",
    "route",
    "status",
    "duration_ms",
    "queries",
    "user_id",
    "task",
    "record_id",
    "outcome",
)

requests_log = logging.getLogger("idmf.requests")
tasks_log = logging.getLogger("idmf.tasks")


def masked(text: str) -> str:
    return EMAIL.sub("[e-mail]", text)


class JsonFormatter(logging.Formatter):
    """One JSON object a line."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": masked(record.getMessage()),
            "request_id": getattr(record, "request_id", "") or REQUEST_ID.get(),
        }
        line.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            line["error"] = masked(self.formatException(record.exc_info))
        return json.dumps(line, default=str)


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_log(get_response):
    """Middleware, outermost: gives the request its id (the one a proxy gave it, or a new
    one), returns it as X-Request-ID, and logs the request when it is answered."""

    def middleware(request):
        given = request.headers.get(HEADER, "")
        request_id = given if GIVEN_ID.match(given) else new_request_id()
        token = REQUEST_ID.set(request_id)
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        try:
            with connection.execute_wrapper(count):
                response = get_response(request)
            response[HEADER] = request_id
            match = getattr(request, "resolver_match", None)
            user = getattr(request, "user", None)
            requests_log.info(
                "request",
                extra={
                    "method": request.method,
                    "route": match.view_name if match else None,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "queries": queries[0],
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            REQUEST_ID.reset(token)

    return middleware


def logged_task(function):
    """Wraps a background task's function (under `@task()`): it runs with the id of the
    request that queued it (the `request_id` keyword `queue()` adds), and one line says
    what ran, for which record, how it ended and how long it took."""

    @functools.wraps(function)
    def run(*args, request_id: str = "", **kwargs):
        token = REQUEST_ID.set(request_id or f"task-{new_request_id()}")
        started, outcome = time.perf_counter(), "failed"
        try:
            result = function(*args, **kwargs)
            outcome = "done"
            return result
        finally:
            tasks_log.log(
                logging.INFO if outcome == "done" else logging.ERROR,
                "task",
                extra={
                    "task": f"{function.__module__}.{function.__name__}",
                    "record_id": args[0] if args else None,
                    "outcome": outcome,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            REQUEST_ID.reset(token)

    del run.__wrapped__  # the task's signature is the wrapper's, with `request_id`
    return run


def queue(task, *args, **options):
    """Queue `task` with `args`, carrying this request's id into it."""
    return task.using(**options).enqueue(*args, request_id=REQUEST_ID.get())


def queue_on_commit(task, *args) -> None:
    """Queue `task` once the current transaction commits, with this request's id."""
    request_id = REQUEST_ID.get()
    transaction.on_commit(lambda: task.enqueue(*args, request_id=request_id))
