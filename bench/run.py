"""Print speed and query figures for the main pages and the PDF pipeline.

Run with `make bench`. Uses a throwaway SQLite database under var/ so it never
touches demo or production data.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite:///var/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from throwaway import fresh_demo  # noqa: E402


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def fetch(client, url):
    """GET `url`, reading the whole body (a streamed CSV too)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def measure(client, url, repeat=20):
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = fetch(client, url)
    assert response.status_code == 200, (url, response.status_code)
    started = time.perf_counter()
    for _ in range(repeat):
        fetch(client, url)
    elapsed = (time.perf_counter() - started) / repeat
    return counter.count, elapsed * 1000


def main():
    fresh_demo("bench.sqlite3")
    from django.contrib.auth import get_user_model

    from idmf.actions.models import Action
    from idmf.core.models import Organisation

    author = get_user_model().objects.get(username="author")
    organisation = Organisation.objects.get(pk=1)
    client = Client()
    client.force_login(author)
    print(f"{'page':<34}{'actions':>8}{'queries':>9}{'ms/request':>12}")
    for total in (0, 100, 1000):
        missing = total - Action.objects.count()
        Action.objects.bulk_create(
            Action(
                organisation=organisation,
                title=f"Bench action {n}",
                owner="Bench",
                due_date="2030-01-01",
                created_by=author,
            )
            for n in range(missing)
        )
        for url in [
            "/",
            "/actions/",
            "/actions/?whose=all&status=all",
            "/dashboard/",
            "/organisations/1/",
            "/assessments/",
            "/decisions/",
        ]:
            queries, ms = measure(client, url)
            print(f"{url:<34}{total:>8}{queries:>9}{ms:>12.1f}")
        for url in ["/actions/?whose=all&format=csv"]:  # every row, streamed
            queries, ms = measure(client, url, repeat=3)
            print(f"{url:<34}{total:>8}{queries:>9}{ms:>12.1f}")
    for url in ["/assessments/1/", "/decisions/1/", "/decisions/1/step/4/"]:
        queries, ms = measure(client, url)
        print(f"{url:<34}{'':>8}{queries:>9}{ms:>12.1f}")
    for url in ["/organisations/1/profile.pdf", "/assessments/1/pdf/", "/decisions/1/pdf/"]:
        queries, ms = measure(client, url, repeat=3)
        print(f"{url:<34}{'':>8}{queries:>9}{ms:>12.1f}")
    eds_pages(client)


def eds_pages(client):
    """The MSE ICB 2022/23 EDS report (two services, 15 grades, 40 actions), as its EDS lead
    and the public see it; the PDF once rendered, and again (kept)."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from eds.models import EdsReport

    report = EdsReport.objects.get(year="2022/23").pk
    client.force_login(get_user_model().objects.get(username="mse.author"))
    for url in ["/eds/", f"/eds/{report}/", f"/eds/{report}/score-card/", "/eds/published/"]:
        queries, ms = measure(client, url)
        print(f"{url:<34}{'':>8}{queries:>9}{ms:>12.1f}")
    for url in [f"/records/eds.edsreport/{report}.docx", f"/records/eds.edsreport/{report}.json"]:
        queries, ms = measure(client, url, repeat=3)
        print(f"{url:<34}{'':>8}{queries:>9}{ms:>12.1f}")
    for url in [f"/eds/{report}/pdf/", f"/eds/published/{report}/pdf/"]:
        started = time.perf_counter()
        client.get(url)
        first = (time.perf_counter() - started) * 1000
        cache.clear()  # the allowance of PDFs a minute, not the kept PDF
        queries, ms = measure(client, url, repeat=3)
        print(f"{url:<34}{'':>8}{queries:>9}{ms:>12.1f}  (first render {first:.0f} ms)")


if __name__ == "__main__":
    main()
