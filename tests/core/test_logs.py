"""The logs an operator reads: a JSON line per request and per background task, each with
the request's id (the task's that of the request that queued it), errors with it too, an
X-Request-ID on every response; and nothing personal or secret in any line."""

import io
import json
import logging

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from boardtool.tasks import build_pack
from idmf.core.logs import JsonFormatter
from idmf.demo import DEMO_PASSWORD, DEMO_USERS
from idmf.people import services as people_services
from tests.assessments.factories import approved_assessment
from tests.boardtool.test_packs import key
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the service writes to its log, as production has it (the root logger at
    WARNING, requests and tasks at INFO), each line parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    lines.text = stream.getvalue
    yield lines
    root.removeHandler(handler)


def test_each_request_is_one_json_line_with_its_id(client_for, cast, log_lines):
    response = client_for(cast.author).get(reverse("assessments:index"))
    request_id = response["X-Request-ID"]
    (line,) = [line for line in log_lines() if line["logger"] == "idmf.requests"]
    assert line["request_id"] == request_id and len(request_id) == 32
    assert line["route"] == "assessments:index" and line["method"] == "GET"
    assert line["status"] == 200 and line["user_id"] == cast.author.pk
    assert line["queries"] > 0 and line["duration_ms"] > 0
    assert line["time"].endswith("+00:00")


def test_an_id_given_by_a_proxy_is_kept_and_junk_is_replaced(client, log_lines):
    given = client.get(reverse("login"), headers={"X-Request-ID": "lb-7f3a9c0e-11"})
    assert given["X-Request-ID"] == "lb-7f3a9c0e-11"
    junk = client.get(reverse("login"), headers={"X-Request-ID": "<script>"})
    assert junk["X-Request-ID"] != "<script>" and len(junk["X-Request-ID"]) == 32
    assert [line["user_id"] for line in log_lines()] == [None, None]


def test_a_task_carries_the_id_of_the_request_that_queued_it(
    client_for, cast, log_lines, django_capture_on_commit_callbacks
):
    record = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    chosen = "-".join(str(part) for part in key(record))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.board_secretary).post(
            reverse("boardtool:pack_new"),
            {"board": "Trust Board", "meeting_date_0": "10", "meeting_date_1": "12",
             "meeting_date_2": "2026", f"include-{chosen}": "on", f"order-{chosen}": "1"},
        )  # fmt: skip
    request_id = response["X-Request-ID"]
    queued = DBTaskResult.objects.get(task_path=build_pack.module_path)
    assert queued.args_kwargs["kwargs"] == {"request_id": request_id}

    build_pack.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    (line,) = [line for line in log_lines() if line["logger"] == "idmf.tasks"]
    assert line["request_id"] == request_id and line["task"] == "boardtool.tasks.build_pack"
    assert line["record_id"] == queued.args_kwargs["args"][0]
    assert line["outcome"] == "done" and line["duration_ms"] > 0


def test_a_refused_or_missing_page_is_its_request_line_alone(client_for, cast, log_lines):
    refused = client_for(cast.viewer).get(reverse("assessments:new"))  # viewers start none
    missing = client_for(cast.author).get(reverse("assessments:detail", args=[999999]))
    assert (refused.status_code, missing.status_code) == (403, 404)
    lines = log_lines()
    assert [(line["logger"], line["status"]) for line in lines] == [
        ("idmf.requests", 403),
        ("idmf.requests", 404),
    ]
    assert "Traceback" not in log_lines.text()


def test_an_error_is_logged_with_the_request_id_and_no_address(
    client_for, cast, log_lines, monkeypatch
):
    def broken(user):
        raise ValueError(f"nothing for {user.email}")

    monkeypatch.setattr("idmf.views.personal_home", broken)
    client = client_for(cast.author)
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    assert response.status_code == 500
    error = next(line for line in log_lines() if line["level"] == "ERROR")
    assert error["request_id"] == response["X-Request-ID"]
    assert "ValueError: nothing for [e-mail]" in error["error"]
    assert cast.author.email not in log_lines.text()


def test_nothing_personal_or_secret_is_logged(client, cast, log_lines, mail_server):
    password = "correct-horse-battery"  # every test user's
    client.post(reverse("login"), {"username": cast.author.username, "password": "Wrong-1234"})
    client.post(reverse("login"), {"username": cast.author.username, "password": password})
    client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "A-new-secret-2026",
         "new_password2": "A-new-secret-2026"},
    )  # fmt: skip
    client.get(reverse("register"), {"q": "Mrs Jones's complaint"})
    _, token = people_services.invite(
        organisation=cast.organisation,
        email="new.starter@example.nhs.uk",
        role="author",
        by=cast.organisation_admin,
    )
    client.logout()
    client.get(reverse("invitation", args=[token]))
    # The demo's logins, as load_demo makes them, each signing in and reading its home page.
    demo = [
        UserFactory._meta.model.objects.filter(username=user.username).first()
        or UserFactory(username=user.username)
        for user in DEMO_USERS
    ]
    for user in demo:  # the cast has some of their names
        user.email = f"{user.username}@example.nhs.uk"
        user.set_password(DEMO_PASSWORD)
        user.save()
    for user in demo:
        client.post(reverse("login"), {"username": user.username, "password": DEMO_PASSWORD})
        client.get(reverse("home"))
        client.logout()
    written = log_lines.text()
    assert written.count('"logger": "idmf.requests"') == 5 + 2 * len(demo)
    people = [cast.author, cast.approver, cast.organisation_admin, *demo]
    for secret in [password, "Wrong-1234", "A-new-secret-2026", token, "Mrs Jones", DEMO_PASSWORD,
                   "new.starter@example.nhs.uk", *(person.email for person in people)]:  # fmt: skip
        assert secret not in written
