"""Production serving, for real: `make serve` starts, answers /healthz and serves a page to a
person who logs in; and two app servers and a task worker share one database and one file
store, as several machines behind a load balancer do."""

import json
import os
import signal
import time
import urllib.request

import pytest
from django.conf import global_settings
from django_tasks_db.models import DBTaskResult

from tests.assessments.factories import approved_assessment
from tests.project.serving import (
    PYTHON,
    Forms,
    Visitor,
    free_port,
    gunicorn,
    running,
    server_env,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Serving-Check-2026"


@pytest.fixture
def people(cast, settings):
    """The cast, with passwords hashed as the servers hash them."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # as the site has them
    for user in (cast.author, cast.approver, cast.board_secretary):
        user.set_password(PASSWORD)
        user.save()
    return cast


def test_make_serve_answers_health_checks_and_serves_a_signed_in_page(people, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Its own key file, static folder and file store: other tests (in other processes) read
    # the checkout's meanwhile.
    env = server_env(
        WEB_BIND=f"127.0.0.1:{port}",
        DJANGO_MEDIA_ROOT=tmp_path / "media",
        DJANGO_STATIC_ROOT=tmp_path / "static",
        SECRET_KEY_FILE=tmp_path / "secret-key",
        PROMETHEUS_MULTIPROC_DIR=tmp_path / "metrics",
    )
    with running(
        ["make", "--no-print-directory", "serve"],
        env=env,
        health=f"{base}/healthz",
        log=tmp_path / "serve.log",
    ):
        visitor = Visitor()
        status, page, landed = visitor.get(f"{base}/assessments/")
        assert landed.startswith(f"{base}/login/")  # not signed in yet
        visitor.log_in(base, people.author.username, PASSWORD)
        status, page, _ = visitor.get(f"{base}/assessments/")
        assert status == 200 and b"Start an assessment" in page
        # Static files come from WhiteNoise with DEBUG off, under hashed names.
        stylesheet = page.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
        status, css, _ = visitor.get(f"{base}{stylesheet}")
        assert status == 200 and len(css) > 1000
    log = (tmp_path / "serve.log").read_text()
    assert "Booting worker" in log and "Starting worker" in log  # gunicorn and db_worker


def longest_draft(people):
    """An EHIIRA as long as they come (its PDF takes the worker seconds)."""
    from idmf.bench_data.longest import fill_to_the_longest
    from tests.assessments.factories import AssessmentFactory

    draft = AssessmentFactory(organisation=people.organisation, created_by=people.author)
    fill_to_the_longest(draft, by=people.author)
    return draft


def answers_within(seconds, visitor, url) -> float:
    started = time.monotonic()
    status, _, _ = visitor.get(url)
    took = time.monotonic() - started
    assert status == 200 and took < seconds, (url, took)
    return took


def test_two_app_servers_and_a_worker_share_sessions_queue_and_files(people, tmp_path):
    report = approved_assessment(
        people.organisation, author=people.author, approver=people.approver
    )
    longest = longest_draft(people)
    ports = free_port(), free_port()
    one, two = (f"http://127.0.0.1:{p}" for p in ports)
    (tmp_path / "metrics").mkdir()
    env = server_env(
        DJANGO_MEDIA_ROOT=tmp_path / "shared-files",
        DJANGO_METRICS_TOKEN="scraper-token",
        PROMETHEUS_MULTIPROC_DIR=tmp_path / "metrics",
    )
    with (
        running(gunicorn(ports[0]), env=env, health=f"{one}/healthz", log=tmp_path / "one.log"),
        running(gunicorn(ports[1]), env=env, health=f"{two}/healthz", log=tmp_path / "two.log"),
        running(
            [
                PYTHON,
                "manage.py",
                "run_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
            ],
            env=env,
            log=tmp_path / "worker.log",
        ) as worker,
    ):
        secretary = Visitor()
        secretary.log_in(one, people.board_secretary.username, PASSWORD)
        # The session made on one server is good on the other.
        status, page, landed = secretary.get(f"{two}/board/packs/new/")
        assert status == 200 and landed == f"{two}/board/packs/new/"
        form = Forms(page.decode())
        assert report.title.encode() in page
        fields = {**form.fields, "board": "Trust Board", form.boxes[0]: "on"}
        day, month, year = sorted(name for name in form.fields if name.startswith("meeting_date"))
        fields.update({day: "10", month: "12", year: "2026"})
        # Queued through the other server; the worker builds it.
        status, page, pack_url = secretary.post(f"{one}/board/packs/new/", fields)
        assert status == 200 and "/board/packs/" in pack_url, page.decode()[-2000:]
        pack_path = pack_url.removeprefix(one)
        deadline = time.monotonic() + 120
        while b"Download the pack" not in page and time.monotonic() < deadline:
            time.sleep(0.5)
            status, page, _ = secretary.get(f"{two}{pack_path}")
        assert b"Download the pack" in page, (tmp_path / "worker.log").read_text()[-3000:]
        # Built by the worker into the shared file store; downloaded from the other server.
        status, pdf, _ = secretary.get(f"{two}{pack_path}download/")
        assert status == 200 and pdf.startswith(b"%PDF")
        assert any((tmp_path / "shared-files").rglob("*.pdf"))

        # A maximum-length PDF is made by the worker, never in a web request: asking for
        # it answers at once, and while it is being made the site answers in under 1 s.
        author = Visitor()
        author.log_in(one, people.author.username, PASSWORD)
        pdf_url = f"{one}/assessments/{longest.pk}/pdf/"
        started = time.monotonic()
        status, page, _ = author.get(pdf_url)
        assert b"Preparing your PDF" in page and time.monotonic() - started < 1
        making = DBTaskResult.objects.filter(task_path="idmf.core.pdf_jobs.make_pdf")
        deadline = time.monotonic() + 30
        while not making.filter(status="RUNNING").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert making.filter(status="RUNNING").exists(), (tmp_path / "worker.log").read_text()
        anonymous = Visitor()
        for _ in range(3):
            answers_within(1, anonymous, f"{two}/healthz")
            answers_within(1, anonymous, f"{two}/login/")
            answers_within(1, author, f"{one}/assessments/")
        assert making.filter(status="RUNNING").exists()  # all while it was being made

        # The worker says it is alive; the metrics of both servers are added up.
        with urllib.request.urlopen(f"{two}/readyz", timeout=5) as ready:
            assert json.loads(ready.read()) == {
                "status": "ready",
                "checks": {"database": "ok", "file_store": "ok", "worker": "ok", "history": "ok"},
            }
        scrape = urllib.request.Request(
            f"{two}/metrics", headers={"Authorization": "Bearer scraper-token"}
        )
        with urllib.request.urlopen(scrape, timeout=5) as metrics:
            text = metrics.read().decode()
        assert 'view="boardtool:pack_new"' in text  # asked of server one, read from two
        assert "idmf_task_queue_depth" in text and "idmf_worker_heartbeat_age_seconds" in text
        # A killed worker (not one left to finish the long PDF: the test need not wait).
        os.killpg(worker.pid, signal.SIGKILL)


def test_workers_start_warm_and_one_past_its_memory_limit_is_replaced(people, tmp_path):
    """The master compiles every page template before forking; a worker over
    WEB_MAX_MEMORY_MB (here the least allowed, which every worker is over) is replaced once
    its request is done, and the next request is served by a new, warm worker."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(WEB_WORKERS=1, WEB_MAX_MEMORY_MB=50)
    log = tmp_path / "gunicorn.log"
    with running(gunicorn(port), env=env, health=f"{base}/healthz", log=log):
        visitor = Visitor()
        for _ in range(3):
            status, page, _ = visitor.get(f"{base}/login/")
            assert status == 200 and b"Log in" in page
    text = log.read_text()
    assert "templates compiled and the URLs resolved" in text.split("Booting worker")[0]
    assert text.count("recycling it") >= 2
    assert text.count("Booting worker") >= 3
