"""The served benchmark: every list, detail, history, dashboard and public page through
gunicorn on PostgreSQL, at bench size, beside /healthz in the same run.

Run with `make bench-serve` (a throwaway PostgreSQL; wrk from Debian). It makes two
databases: a small one and one at bench size (`manage.py seed_bench`, ×SCALE), then prints:
- each page's queries at the small size and at bench size (they must be equal), and the
  slowest of its queries in EXPLAIN ANALYZE at bench size;
- requests a second, p50 and p99 under 8 concurrent clients (wrk, 2 gunicorn workers), and
  p50 as a multiple of /healthz's p50 in the same run;
- each export served, beside WeasyPrint alone on the same HTML, and a kept PDF again.
`--write bench/RESULTS.md` writes the same tables, with the machine, to that file.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

from tests.project.serving import Visitor, gunicorn, running  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
SIZES = {
    "systems": 5,
    "organisations": 40,
    "assessments": 10000,
    "decisions": 5000,
    "actions": 20000,
}
SMALL = {"systems": 5, "organisations": 40, "assessments": 1000, "decisions": 500, "actions": 2000}
PASSWORD = "Bench-Password-2026"
TARGET_RPS, TARGET_RATIO, TARGET_QUERY_MS, TARGET_EXPORT = 200, 3.0, 10.0, 1.2


# ---- in a child process, on one database: the pages, their queries and EXPLAIN ANALYZE


def record_pages(name: str, prefix: str, pk: int) -> list[tuple[str, str, str]]:
    """A record's page and its history, as the system-level viewer sees them."""
    return [
        (name, "system", f"{prefix}{pk}/"),
        (f"{name}'s history", "system", f"{prefix}{pk}/history/"),
    ]


def pages() -> list[tuple[str, str, str]]:
    """(label, who, URL) of every page measured, for the bench users of system 1."""
    from assessments.models import Assessment
    from boardtool.models import Review
    from eds.models import EdsReport
    from idmf.core.models import Action, Organisation
    from idmf.decisions.models import DecisionRecord

    organisation = Organisation.objects.get(name="Bench organisation 1")
    mine = {"organisation__system": organisation.system}  # what the system viewer sees
    # Records of the same shape at either size: complete, with every kind of part.
    assessment = Assessment.objects.filter(**mine, published_at__isnull=False).first()
    decision = DecisionRecord.objects.filter(**mine, steps_completed=6).first()
    action = Action.objects.filter(**mine, assignee__isnull=False, source_id__isnull=False).first()
    report = EdsReport.objects.filter(**mine, status__in=["authorised", "published"]).first()
    review = Review.objects.filter(**mine, status="approved").first()
    published = Assessment.objects.filter(published_at__isnull=False).first()
    word = Assessment.objects.filter(**mine).first().title.split()[1]
    return [
        ("health check", "", "/healthz"),
        ("home", "author", "/"),
        ("assessments list", "system", "/assessments/"),
        ("assessments, last page", "system", "/assessments/?page=99999"),
        ("assessments, status filter", "system", "/assessments/?status=approved"),
        ("assessments, search", "system", f"/assessments/?q={urllib.parse.quote(word)}"),
        *record_pages("an assessment", "/assessments/", assessment.pk),
        ("decision register", "system", "/decisions/"),
        ("decisions at step 3", "system", "/decisions/?step=3"),
        ("reviews overdue", "system", "/decisions/reviews-overdue/"),
        *record_pages("a decision", "/decisions/", decision.pk),
        ("actions list", "system", "/actions/?whose=all"),
        ("my actions", "author", "/actions/"),
        *record_pages("an action", "/actions/", action.pk),
        ("EDS reports", "system", "/eds/"),
        *record_pages("an EDS report", "/eds/", report.pk),
        ("board reviews", "system", "/board/"),
        *record_pages("a board review", "/board/", review.pk),
        ("packs", "system", "/board/packs/"),
        ("organisations", "system", "/organisations/"),
        ("an organisation", "system", f"/organisations/{organisation.pk}/"),
        ("dashboard", "system", "/dashboard/"),
        ("public register", "", "/register/"),
        ("public register, an organisation", "", f"/register/organisations/{organisation.pk}/"),
        ("public register, a record", "", f"/register/assessments.assessment/{published.pk}/"),
        ("published decisions", "", "/published/"),
        ("published EDS reports", "", "/eds/published/"),
    ]


def exports() -> list[tuple[str, str, bool]]:
    """(label, URL, is a PDF) of each export, for the system-level viewer."""
    from assessments.models import Assessment
    from idmf.core.models import Organisation
    from idmf.decisions.models import DecisionRecord

    organisation = Organisation.objects.get(name="Bench organisation 1")
    mine = {"organisation__system": organisation.system}
    draft = Assessment.objects.filter(**mine, status="submitted").first()
    decision = DecisionRecord.objects.filter(
        **mine, steps_completed__gte=4, steps_completed__lt=6
    ).first()
    return [
        ("EHIIRA PDF (submitted, rendered each time)", f"/assessments/{draft.pk}/pdf/", True),
        ("decision PDF (in progress)", f"/decisions/{decision.pk}/pdf/", True),
        ("organisation profile PDF", f"/organisations/{organisation.pk}/profile.pdf", True),
        ("EHIIRA as Word", f"/records/assessments.assessment/{draft.pk}.docx", False),
        ("assessments CSV (all visible)", "/assessments/?format=csv", False),
        ("actions CSV (all visible)", "/actions/?whose=all&format=csv", False),
    ]


def inspect(out: Path, *, with_exports: bool) -> None:
    """Count each page's queries (and EXPLAIN ANALYZE them), and time WeasyPrint alone on
    each PDF export's HTML; written to `out` as JSON."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from idmf.core import pdf

    setup_test_environment()
    users = get_user_model().objects
    clients = {"": Client()}
    for who, username in (("system", "bench.s1.viewer"), ("author", "bench.o1.author")):
        clients[who] = Client()
        clients[who].force_login(users.get(username=username))
    found = {"pages": [], "exports": []}
    for label, who, url in pages():
        clients[who].get(url)  # warm: first-use lookups are cached afterwards
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(url)
        assert response.status_code == 200, (url, response.status_code)
        slowest = max((explain_ms(connection, q["sql"]) for q in captured), default=0.0)
        found["pages"].append(
            {
                "label": label,
                "who": who,
                "url": url,
                "queries": len(captured),
                "slowest_query_ms": slowest,
            }
        )
    html = {}
    real = pdf.render_to_string

    def keep(template, context):
        html["last"] = real(template, context)
        return html["last"]

    pdf.render_to_string = keep
    for n, (label, url, is_pdf) in enumerate(exports() if with_exports else []):
        page = None
        if is_pdf:  # the HTML the server renders, for WeasyPrint alone beside it
            assert clients["system"].get(url).status_code == 200, url
            page = out.with_name(f"{out.stem}-export-{n}.html")
            page.write_text(html["last"])
        found["exports"].append({"label": label, "url": url, "html": str(page or "")})
    out.write_text(json.dumps(found))


def explain_ms(connection, sql: str) -> float:
    if not sql.lstrip().upper().startswith("SELECT") or connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        return float(cursor.fetchone()[0][0]["Execution Time"])


def elapsed_ms(run) -> float:
    """How long one call of `run` takes, in milliseconds."""
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


# ---- in the parent: databases, the server, the load


def env_for(database_url: str, **more) -> dict:
    return {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "false", **more}


def manage(database_url: str, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env_for(database_url), check=True)


def database(base_url: str, name: str) -> str:
    """A new, empty database beside the one DATABASE_URL names."""
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + "/" + name


def seeded(base_url: str, name: str, sizes: dict) -> str:
    url = database(base_url, name)
    manage(url, "migrate", "--no-input", "-v0")
    started = time.monotonic()
    manage(url, "seed_bench", *[f"--{k}={v}" for k, v in sizes.items()])
    print(f"{name}: seeded in {time.monotonic() - started:.0f} s", flush=True)
    manage(
        url,
        "shell",
        "-v0",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )
    return url


def inspected(url: str, name: str, *, with_exports=False) -> dict:
    out = ROOT / "var" / f"bench-{name}.json"
    command = [PY, __file__, "--inspect", str(out), *(["--exports"] if with_exports else [])]
    subprocess.run(command, cwd=ROOT, env=env_for(url), check=True)
    return json.loads(out.read_text())


def log_in(base: str, username: str) -> str:
    """A session cookie for `username`, by the login form, as a person gets one."""

    visitor = Visitor()
    visitor.log_in(base, username, PASSWORD)
    return "; ".join(f"{c.name}={c.value}" for c in visitor.cookies)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, cookie: str, seconds: int) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * UNITS[unit]


def export_times(base: str, export: dict, cookie: str, rounds=7) -> dict:
    """The export downloaded whole through the server and, for a PDF, WeasyPrint alone on
    the same HTML, taken in turns so both meet the same load on the machine: first and
    median ms of each."""
    import urllib.request

    import django

    django.setup()
    from idmf.core import pdf

    def served():
        request = urllib.request.Request(base + export["url"], headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200, export["url"]
            response.read()

    html = Path(export["html"]).read_text() if export["html"] else None

    def alone():
        pdf.HTML(
            string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticOnlyURLFetcher()
        ).write_pdf()

    times = {"served": [], "alone": []}
    for _ in range(rounds):
        times["served"].append(elapsed_ms(served))
        if html:
            times["alone"].append(elapsed_ms(alone))
    return {
        "first": times["served"][0],
        "served": statistics.median(times["served"]),
        "alone": statistics.median(times["alone"]) if html else None,
    }


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    pg = subprocess.run(
        [os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin") + "/postgres", "--version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB memory, {platform.platform()}, {pg}"


def run(args) -> str:
    base_url = os.environ["DATABASE_URL"]
    sizes = {k: v * args.scale for k, v in SIZES.items()}
    small = inspected(seeded(base_url, "bench_small", SMALL), "small")
    full_url = seeded(base_url, "bench_full", sizes)
    full = inspected(full_url, "full", with_exports=True)
    port = 8765
    base = f"http://127.0.0.1:{port}"
    server_env = env_for(
        full_url,
        DJANGO_SECURE_HTTPS="false",
        WEB_WORKERS=str(args.workers),
        DJANGO_PDF_RENDERS_PER_MINUTE="100000",
    )
    with running(
        gunicorn(port),
        env=server_env,
        health=f"{base}/healthz",
        log=ROOT / "var" / "bench-gunicorn.log",
    ):
        cookies = {
            "": "",
            "system": log_in(base, "bench.s1.viewer"),
            "author": log_in(base, "bench.o1.author"),
        }
        for page in full["pages"]:  # a second's warm-up each
            wrk(base + page["url"], cookies[page["who"]], 1)
        loads = {}
        for page in full["pages"]:
            loads[page["label"]] = wrk(base + page["url"], cookies[page["who"]], args.seconds)
            print(f"  {page['label']}: {loads[page['label']]['rps']:.0f}/s", flush=True)
        served = {e["label"]: export_times(base, e, cookies["system"]) for e in full["exports"]}
    return report(args, sizes, small, full, loads, served)


def report(args, sizes, small, full, loads, served) -> str:
    floor = loads["health check"]["p50"]
    lines = [
        f"Machine: {machine()}.",
        f"Bench size: {', '.join(f'{v:,} {k}' for k, v in sizes.items())} "
        f"(`manage.py seed_bench`); small: {', '.join(f'{v:,} {k}' for k, v in SMALL.items())}.",
        f"Load: wrk, 8 connections, {args.seconds} s a page, gunicorn with {args.workers} "
        "sync workers, PostgreSQL on the same machine. `system` is a system-level viewer "
        "(sees every organisation of one system); `author` an organisation's author.",
        "",
        "| page | who | queries small / bench | slowest query ms | req/s | p50 ms | p99 ms "
        "| p50 ÷ /healthz | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    counts = {p["label"]: p["queries"] for p in small["pages"]}
    for page in full["pages"]:
        load = loads[page["label"]]
        ratio = load["p50"] / floor
        met = (
            counts[page["label"]] == page["queries"]
            and page["slowest_query_ms"] <= TARGET_QUERY_MS
            and (
                page["label"] == "health check"
                or (load["rps"] >= TARGET_RPS and ratio <= TARGET_RATIO)
            )
            and not load["errors"]
        )
        lines.append(
            f"| {page['label']} | {page['who'] or 'public'} | {counts[page['label']]} / "
            f"{page['queries']} | {page['slowest_query_ms']:.2f} | {load['rps']:.0f} | "
            f"{load['p50']:.1f} | {load['p99']:.1f} | {ratio:.1f} | "
            f"{'yes' if met else '**no**'}{' (errors)' if load['errors'] else ''} |"
        )
    lines += [
        "",
        "| export | served ms (first / median of 7) | WeasyPrint alone ms (median of 7, "
        "taken in turns with the served) | ratio | met |",
        "|---|---|---|---|---|",
    ]
    for export in full["exports"]:
        times = served[export["label"]]
        median, raw = times["served"], times["alone"]
        ratio = f"{median / raw:.2f}" if raw else "–"
        met = "–" if not raw else ("yes" if median / raw <= TARGET_EXPORT else "**no**")
        raw_text = f"{raw:.0f}" if raw else "–"
        lines.append(
            f"| {export['label']} | {times['first']:.0f} / {median:.0f} | {raw_text} | {ratio} "
            f"| {met} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspect", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--exports", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help="× the bench size (10 = national)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's run a page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", type=Path, help="also write the tables to this file")
    args = parser.parse_args()
    if args.inspect:
        inspect(args.inspect, with_exports=args.exports)
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("The served benchmark runs on PostgreSQL: use `make bench-serve`.")
    text = run(args)
    print(text)
    if args.write:
        args.write.write_text(text)


if __name__ == "__main__":
    main()
