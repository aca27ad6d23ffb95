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

The pages and their queries are in bench/serve_pages.py, the load and the exports' timing
in bench/serve_load.py, the tables in bench/serve_report.py.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

from bench.serve_load import alone_ms, export_times, log_in, mix, wrk  # noqa: E402
from bench.serve_pages import inspect  # noqa: E402
from bench.serve_report import machine, report  # noqa: E402
from tests.project.serving import gunicorn, running  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
SIZES = {
    "systems": 5,
    "organisations": 40,
    "assessments": 10000,
    "decisions": 5000,
    "actions": 20000,
}
SMALL = {"systems": 5, "organisations": 40, "assessments": 1000, "decisions": 500, "actions": 2000}


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


MIX = [
    "home",
    "assessments list",
    "decision register",
    "actions list",
    "an assessment",
    "dashboard",
    "public register",
]


def run(args) -> dict:
    """Seed (or reuse) the databases, serve the full one and load it: the figures, raw."""
    base_url = os.environ["DATABASE_URL"]
    sizes = {k: v * args.scale for k, v in SIZES.items()}
    load_at_start = os.getloadavg()
    small = inspected(seeded(base_url, "bench_small", SMALL), "small")
    full_url = args.full_database or seeded(base_url, "bench_full", sizes)
    if args.full_database:  # seeded by an earlier version of the code, perhaps
        manage(full_url, "migrate", "--no-input", "-v0")
    full = inspected(full_url, "full", with_exports=not args.no_exports)
    present = [page for page in full["pages"] if not page.get("absent")]
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
        alone, loads = {}, {}
        for page in present:  # on its own: one request after another
            alone[page["label"]] = alone_ms(base + page["url"], cookies[page["who"]])
        for page in present:
            loads[page["label"]] = wrk(base + page["url"], cookies[page["who"]], args.seconds)
            print(
                f"  {page['label']}: {alone[page['label']]:.1f} ms alone, "
                f"{loads[page['label']]['rps']:.0f}/s",
                flush=True,
            )
        urls = {page["label"]: page["url"] for page in present}
        mixed = mix(
            base,
            [urls[label] for label in MIX],
            cookies["system"],
            clients=32,
            seconds=args.seconds * 3,
        )
        served = {e["label"]: export_times(base, e, cookies["system"]) for e in full["exports"]}
    return {
        "machine": machine(),
        "code": subprocess.run(
            ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()[:72],
        "load": [round(x, 2) for x in (*load_at_start[:1], os.getloadavg()[0])],
        "sizes": sizes,
        "small_sizes": SMALL,
        "seconds": args.seconds,
        "workers": args.workers,
        "small": small,
        "full": full,
        "alone": alone,
        "loads": loads,
        "mix": {"pages": MIX, "clients": 32, **mixed},
        "served": served,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspect", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--exports", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help="× the bench size (10 = national)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's run a page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", type=Path, help="also write the tables to this file")
    parser.add_argument("--json", type=Path, help="also keep the raw figures in this file")
    parser.add_argument("--before", type=Path, help="a --json of an earlier run, to compare")
    parser.add_argument(
        "--full-database", help="a database already seeded at this scale (skips seeding)"
    )
    parser.add_argument("--no-exports", action="store_true", help="do not time the exports")
    parser.add_argument("--report", type=Path, help="only print the tables of this --json")
    args = parser.parse_args()
    if args.inspect:
        inspect(args.inspect, with_exports=args.exports)
        return
    before = json.loads(args.before.read_text()) if args.before else None
    if args.report:
        print(report(json.loads(args.report.read_text()), before))
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("The served benchmark runs on PostgreSQL: use `make bench-serve`.")
    figures = run(args)
    if args.json:
        args.json.write_text(json.dumps(figures))
    text = report(figures, before)
    print(text)
    if args.write:
        args.write.write_text(text)


if __name__ == "__main__":
    main()
