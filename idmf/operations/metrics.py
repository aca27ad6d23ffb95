"""Prometheus metrics for the operations team, at the path DJANGO_METRICS_PATH names, for a
scraper that sends `Authorization: Bearer <DJANGO_METRICS_TOKEN>`; without the token (or
with none set) the path is not found, so the metrics are never public.

Request latency by route comes from django-prometheus' middleware
(`django_http_requests_latency_seconds_by_view_method`, labelled by the route's name). What
the service has waiting is read from the database at each scrape:

- `idmf_task_queue_depth`: tasks ready to run and not yet started;
- `idmf_task_oldest_age_seconds`: how long the oldest of them has waited;
- `idmf_worker_heartbeat_age_seconds`: since a task worker last said it is alive;
- `idmf_notices_waiting`: e-mails in the outbox not yet sent;
- `idmf_notices_refused`: e-mails the mail server refused for good (not tried again);
- `idmf_packs_failed`: board assurance packs whose build failed (and not tried again).

With several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR (an empty folder each start):
the request metrics of every worker are then added up (`make serve` does)."""

import hmac
import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from boardtool.models import Pack
from idmf.core.heartbeat import last_worker_beat
from idmf.notices.models import Notice


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


class ServiceCollector:
    """What is waiting, read from the database when scraped."""

    def collect(self):
        now = timezone.now()
        ready = DBTaskResult.objects.filter(status="READY").exclude(
            run_after__gt=now, run_after__lt=get_date_max()
        )
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        last_beat = last_worker_beat()
        yield _gauge("idmf_task_queue_depth", "Tasks ready to run, not started", ready.count())
        yield _gauge(
            "idmf_task_oldest_age_seconds",
            "Seconds the oldest task ready to run has waited (0: none waiting)",
            (now - oldest).total_seconds() if oldest else 0,
        )
        yield _gauge(
            "idmf_worker_heartbeat_age_seconds",
            "Seconds since a task worker last said it is alive (-1: never)",
            (now - last_beat).total_seconds() if last_beat else -1,
        )
        yield _gauge(
            "idmf_notices_waiting",
            "E-mails in the outbox not yet sent",
            Notice.objects.filter(sent_at__isnull=True).count(),
        )
        yield _gauge(
            "idmf_notices_refused",
            "E-mails the mail server refused for good (an address that does not exist)",
            Notice.objects.exclude(refused="").count(),
        )
        yield _gauge(
            "idmf_packs_failed",
            "Board assurance packs whose build failed",
            Pack.objects.filter(state=Pack.State.FAILED).count(),
        )


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


@login_not_required
def metrics(request):
    if not _allowed(request):  # whatever the method: the path is not even said to exist
        raise Http404("Not found")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        MultiProcessCollector(requests)
    else:
        requests = REGISTRY
    service = CollectorRegistry()
    service.register(ServiceCollector())
    body = generate_latest(requests) + generate_latest(service)
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
