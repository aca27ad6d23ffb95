"""Warming the application before it takes traffic: gunicorn's master calls `warm()` once,
before forking its workers (idmf/gunicorn_conf.py), so each worker starts with every page
template compiled and the URLs resolved. Nothing here touches the database: connections
must not be shared across the fork."""

import time
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import get_resolver


def warm() -> str:
    started = time.perf_counter()
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    get_resolver()._populate()
    env = engines["jinja2"].env
    root = Path(settings.BASE_DIR) / "templates"
    names = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if path.relative_to(root).parts[0] != "django"
    ]
    for name in names:
        env.get_template(name)
    took = time.perf_counter() - started
    return f"{len(names)} templates compiled and the URLs resolved in {took:.2f} s"
