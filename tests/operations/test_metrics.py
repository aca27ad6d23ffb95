"""The metrics: never public (not found without the scraper's token), and with it, request
latency by route and what waits: tasks, their age, the worker's silence, notices, failed
packs."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from idmf.core.models import WorkerHeartbeat
from idmf.notices.delivery import deliver_notices
from tests.boardtool.factories import pack_in
from tests.notices.test_notices import submitted

pytestmark = pytest.mark.django_db
TOKEN = "a-long-scraper-token"


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def read() -> str:
        response = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
        return response.content.decode()

    return read


def value(text: str, name: str) -> float:
    return float(re.search(rf"^{name} (\S+)$", text, re.MULTILINE).group(1))


@pytest.mark.parametrize("token", ["", TOKEN])
def test_the_metrics_are_not_found_without_the_token(client_for, cast, settings, token):
    settings.METRICS_TOKEN = token
    url = reverse("metrics")
    assert client_for(cast.organisation_admin).get(url).status_code == 404
    wrong = {"Authorization": "Bearer guess"}
    assert client_for(cast.organisation_admin).get(url, headers=wrong).status_code == 404


def test_request_latency_is_counted_by_route(client_for, cast, scrape):
    client_for(cast.author).get(reverse("assessments:index"))
    text = scrape()
    assert re.search(
        r"^django_http_requests_latency_seconds_by_view_method_count"
        r'\{method="GET",view="assessments:index"\} [1-9]',
        text,
        re.MULTILINE,
    )


def test_what_waits_is_measured(cast, scrape):
    assert value(scrape(), "idmf_task_queue_depth") == 0
    assert value(scrape(), "idmf_worker_heartbeat_age_seconds") == -1
    submitted(cast)  # an approver's notice waits
    pack_in(cast.organisation, state="failed", by=cast.board_secretary)
    deliver_notices.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=5))
    WorkerHeartbeat.objects.create(
        worker="host:1", beat_at=timezone.now() - datetime.timedelta(seconds=90)
    )
    text = scrape()
    assert value(text, "idmf_task_queue_depth") == 1
    assert 299 < value(text, "idmf_task_oldest_age_seconds") < 330
    assert 89 < value(text, "idmf_worker_heartbeat_age_seconds") < 120
    assert value(text, "idmf_notices_waiting") == 1
    assert value(text, "idmf_notices_refused") == 0
    assert value(text, "idmf_packs_failed") == 1
