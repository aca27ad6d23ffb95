"""Equity evidence under load: a 1,000-row CSV validated and saved, a 50 MB file refused, and
a table's page with 20 periods, each beside the floor (/healthz and the login page), through
Django's test client on a throwaway SQLite database under var/.

Targets: the 1,000-row file in under 1 s; the 50 MB file refused without reading it into
memory (the process grows by far less than 50 MB); the 20-period page in under 50 ms.
Run with `make bench`.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite:///var/bench-evidence.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.client import BOUNDARY  # noqa: E402
from throwaway import fresh_demo  # noqa: E402

GROUPS = 999  # and "not known": 1,000 rows


def timed_get(client, url, times=20) -> float:
    """The median milliseconds of `times` GETs of `url` (after one to warm up)."""
    client.get(url)
    took = []
    for _ in range(times):
        started = time.perf_counter()
        response = client.get(url)
        took.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return median(took)


def huge_upload(client, url) -> tuple[float, float, bytes]:
    """Seconds to refuse a 50 MB file, the most memory the site's handling of it took (MB),
    and the page it answered."""
    client.get(url)  # the CSRF cookie
    with tempfile.TemporaryFile() as body:
        body.write(f"--{BOUNDARY}\r\n".encode())
        body.write(b'Content-Disposition: form-data; name="version"\r\n\r\n2\r\n')
        body.write(f"--{BOUNDARY}\r\n".encode())
        body.write(b'Content-Disposition: form-data; name="file"; filename="huge.csv"\r\n')
        body.write(b"Content-Type: text/csv\r\n\r\ngroup,numerator,denominator\r\n")
        body.write(b"x,1,2\n" * 8_400_000)
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())
        size = body.tell()
        body.seek(0)
        cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": url,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": body,
            "wsgi.errors": sys.stderr,
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(size),
            "HTTP_COOKIE": cookies,
            "HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value,
        }
        answered = []
        tracemalloc.start()
        started = time.perf_counter()
        chunks = WSGIHandler()(environ, lambda status, headers: answered.append(status))
        said = b"".join(chunks)
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    assert answered[0].startswith("200"), answered
    return took, peak, said


def main():
    fresh_demo("bench-evidence.sqlite3")
    from django.contrib.auth import get_user_model

    from idmf.core.models import Organisation
    from idmf.demo import LLR_ICB
    from idmf.evidence import services
    from idmf.evidence.models import Dimension, EvidenceTable
    from tests.evidence.factories import next_of, uptake_table, with_figures

    author = get_user_model().objects.get(username="author")
    organisation = Organisation.objects.get(name=LLR_ICB)
    client = Client()
    client.force_login(author)

    big = services.start_table(
        organisation=organisation,
        dimension=Dimension.objects.get(slug="custom"),
        values={
            "indicator": "Uptake by practice",
            "numerator": "People who took it up",
            "denominator": "People offered it",
            "source": "Our records",
            "period_from": "2024-04-01",
            "period_to": "2025-03-31",
            "kind": EvidenceTable.Kind.PROPORTION,
            "polarity": EvidenceTable.Polarity.HIGHER_BETTER,
        },
        custom_groups=[f"Practice {n}" for n in range(1, GROUPS + 1)],
        by=author,
    )
    lines = ["group,numerator,denominator"]
    lines += [f"Practice {n},{n % 90},{100 + n % 50}" for n in range(1, GROUPS + 1)]
    lines.append("Not known / not recorded,3,40")
    text = "\n".join(lines).encode()
    started = time.perf_counter()
    response = client.post(
        f"/evidence/{big.pk}/upload/",
        {"version": big.version, "file": SimpleUploadedFile("f.csv", text, "text/csv")},
    )
    saved = time.perf_counter() - started
    assert response.status_code == 302, response.content[:2000]

    # The 50 MB request reaches the site as a server would pass it: read from a file, a chunk
    # at a time (the test client would copy it into memory first, and that is not the site).
    refused, grown, said = huge_upload(client, f"/evidence/{big.pk}/upload/")
    assert b"files over 1 MB are not read" in said

    table = with_figures(
        uptake_table(organisation, by=author), [290, 310, 330, 360, 390], by=author
    )
    first = table
    for year in range(2025, 2044):
        table = with_figures(
            next_of(table, by=author, year=year), [300, 310, 330, 360, 380], by=author
        )
    print(f"{'equity evidence':<44}{'figure':>12}  target")
    print(f"{'/healthz (floor), median ms':<44}{timed_get(client, '/healthz'):>12.1f}")
    print(f"{'login page (floor), median ms':<44}{timed_get(Client(), '/login/'):>12.1f}")
    print(f"{'1,000-row CSV validated and saved, s':<44}{saved:>12.2f}  < 1 s")
    print(f"{'50 MB file refused, s':<44}{refused:>12.2f}")
    print(f"{'  memory it took at its peak, MB':<44}{grown:>12.1f}  far below 50")
    latest = timed_get(client, table.get_absolute_url())
    print(f"{'a table page, 20 periods, median ms':<44}{latest:>12.1f}  < 50 ms")
    one = timed_get(client, first.get_absolute_url())
    print(f"{'its first period (the same 20), median ms':<44}{one:>12.1f}")


if __name__ == "__main__":
    main()
