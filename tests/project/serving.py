"""Real servers for the serving tests: processes started as production starts them, on free
loopback ports against the test database, and a small cookie-keeping HTTP client."""

import contextlib
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The test database, as DATABASE_URL names it to another process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = urllib.parse.quote(db["USER"]) if db["USER"] else ""
    if db["PASSWORD"]:
        auth += ":" + urllib.parse.quote(db["PASSWORD"])
    host = f"{auth}@" if auth else ""
    return f"postgres://{host}{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def server_env(**more) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_DEBUG": "false"}
    env.update({k: str(v) for k, v in more.items()})
    return env


@contextlib.contextmanager
def running(command: list[str], *, env: dict, health: str | None = None, log: Path):
    """Run `command` in its own process group until the block ends; with `health`, first
    wait (up to a minute) until that health check says the server and its database are ok."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        if health:
            wait_until_up(health, process, log)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(url: str, process, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if json.loads(response.read())["status"] == "ok":
                return
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within a minute:\n{log.read_text()[-3000:]}")


def gunicorn(port: int) -> list[str]:
    return [
        GUNICORN,
        "--config",
        "python:idmf.gunicorn_conf",
        "--bind",
        f"127.0.0.1:{port}",
        "idmf.wsgi",
    ]


class Forms(HTMLParser):
    """The fields of a page's forms: name → value (ticked boxes only), in page order."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.boxes: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "input" or "name" not in attrs:
            return
        if attrs.get("type") == "checkbox":
            self.boxes.append(attrs["name"])
            if "checked" not in attrs:
                return
        self.fields.setdefault(attrs["name"], attrs.get("value") or "")


class Visitor:
    """A person with a browser's cookie jar, on any of the servers (cookies do not care
    which port answers, as a load balancer's one address does not)."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, bytes, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict) -> tuple[int, bytes, str]:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, method="POST"))

    def _open(self, request) -> tuple[int, bytes, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read(), response.url
        except urllib.error.HTTPError as error:
            return error.code, error.read(), request.full_url

    def log_in(self, base: str, username: str, password: str) -> None:
        _, page, _ = self.get(f"{base}/login/")
        fields = Forms(page.decode()).fields
        status, _, landed = self.post(
            f"{base}/login/", {**fields, "username": username, "password": password}
        )
        assert status == 200 and not landed.endswith("/login/"), (status, landed)
