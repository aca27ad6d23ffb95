"""How many gunicorn workers, and of which class, suit this machine: the 32-client mix of
everyday pages (bench/serve.py's MIX) against one database already seeded by
`manage.py seed_bench`, for each configuration, one after another, in one run.

    DATABASE_URL=postgres://…/seeded .venv/bin/python bench/workers.py [--seconds 15]

Prints requests a second, p50 and p99 for 1, 2, 3 and 4 sync workers, and for 2 and 4
gthread workers of 4 threads, beside the machine's load average."""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

from bench.serve import MIX, env_for  # noqa: E402
from bench.serve_load import log_in, mix  # noqa: E402
from bench.serve_pages import pages  # noqa: E402
from tests.project.serving import gunicorn, running  # noqa: E402

CONFIGURATIONS = [
    ("sync", 1, 1),
    ("sync", 2, 1),
    ("sync", 3, 1),
    ("sync", 4, 1),
    ("gthread", 2, 4),
    ("gthread", 4, 4),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    import django

    django.setup()
    urls = {label: url for label, _, url in pages()}
    paths = [urls[label] for label in MIX]
    port = 8766
    base = f"http://127.0.0.1:{port}"
    print(f"{os.cpu_count()} cores; 32 clients; {args.seconds} s each; load {os.getloadavg()[0]}")
    print("| worker class | workers | threads | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for worker_class, workers, threads in CONFIGURATIONS:
        env = env_for(
            os.environ["DATABASE_URL"],
            DJANGO_SECURE_HTTPS="false",
            WEB_WORKERS=str(workers),
            WEB_THREADS=str(threads),
        )
        command = gunicorn(port) + ["--worker-class", worker_class]
        log = ROOT / "var" / "bench-workers.log"
        with running(command, env=env, health=f"{base}/healthz", log=log):
            cookie = log_in(base, "bench.s1.viewer")
            mix(base, paths, cookie, clients=32, seconds=3)  # warm
            found = mix(base, paths, cookie, clients=32, seconds=args.seconds)
        print(
            f"| {worker_class} | {workers} | {threads} | {found['rps']:.0f} | "
            f"{found['p50']:.0f} | {found['p99']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
