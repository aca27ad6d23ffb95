"""The served benchmark's report: the machine, then the tables of pages and of exports,
each row against its targets. Part of `bench/serve.py`."""

import os
import platform
import subprocess
from pathlib import Path

TARGET_RPS, TARGET_RATIO, TARGET_QUERY_MS, TARGET_EXPORT = 200, 3.0, 10.0, 1.2


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


def listed(sizes: dict) -> str:
    return ", ".join(f"{v:,} {k}" for k, v in sizes.items())


def report(args, sizes, small, full, loads, served, *, small_sizes: dict) -> str:
    """The tables: `sizes` and `small_sizes` what was seeded, `small` and `full` what
    inspecting each database found, `loads` wrk's figures and `served` the exports'."""
    floor = loads["health check"]["p50"]
    lines = [
        f"Machine: {machine()}.",
        f"Bench size: {listed(sizes)} (`manage.py seed_bench`); small: {listed(small_sizes)}.",
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
