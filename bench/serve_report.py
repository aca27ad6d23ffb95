"""The served benchmark's report: the machine and the load on it, then the tables of pages
(each on its own, as a multiple of the login page, and under 8 clients), of the 32-client
mix and of exports, each row against its targets; with `before`, an earlier run's figures
beside each. Part of `bench/serve.py`."""

import os
import platform
import subprocess
from pathlib import Path

# Issue 24: every page on its own ≤ 5 × the login page; lists and records ≥ 200 requests a
# second under 8 clients; the dashboard and the register ≤ 30 ms on their own; the 32-client
# mix p99 ≤ 300 ms. Queries: the same at either size, none over 10 ms. Exports ≤ 1.2 ×
# WeasyPrint alone.
TARGET_RATIO, TARGET_RPS, TARGET_ALONE_MS, TARGET_MIX_P99 = 5.0, 200, 30.0, 300.0
TARGET_QUERY_MS, TARGET_EXPORT = 10.0, 1.2
FLOOR = "login page"
WITHIN_30_MS = ("dashboard", "public register")
NOT_LOADED = ("health check", "login page")


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


def page_met(run: dict, page: dict, queries_small: int) -> bool:
    label = page["label"]
    alone, load = run["alone"][label], run["loads"][label]
    ratio = alone / run["alone"][FLOOR]
    return (
        queries_small == page["queries"]
        and page["slowest_query_ms"] <= TARGET_QUERY_MS
        and not load["errors"]
        and (label in NOT_LOADED or ratio <= TARGET_RATIO)
        and (not label.startswith(WITHIN_30_MS) or alone <= TARGET_ALONE_MS)
    )


def was(before: dict | None, key: str, label: str, fmt: str) -> str:
    """An earlier run's figure, "before → " (or nothing)."""
    if not before or label not in before.get(key, {}):
        return "– → " if before else ""
    value = before[key][label]
    return format(value if not isinstance(value, dict) else value["rps"], fmt) + " → "


def report(run: dict, before: dict | None = None) -> str:
    lines = [
        f"Machine: {run['machine']}.",
        f"Code: {run['code']}" + (f"; before: {before['code']}" if before else "") + ".",
        f"Load average on the machine (1 minute) at the start and end of the run: "
        f"{run['load'][0]} and {run['load'][1]}"
        + (f"; before: {before['load'][0]} and {before['load'][1]}" if before else "")
        + ".",
        f"Bench size: {listed(run['sizes'])}; small: {listed(run['small_sizes'])}.",
        f"On its own: the median of 20 requests one after another. Under load: wrk, 8 "
        f"connections, {run['seconds']} s a page, gunicorn with {run['workers']} sync workers, "
        "PostgreSQL on the same machine. `system` is a system-level viewer; `author` an "
        "organisation's author." + (" Each figure reads before → now." if before else ""),
        "",
        "| page | who | queries small / bench | slowest query ms | on its own ms | ÷ login "
        "page | req/s (8 clients) | p99 ms | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    small = {p["label"]: p.get("queries") for p in run["small"]["pages"]}
    floor = run["alone"][FLOOR]
    before_floor = before["alone"].get(FLOOR) if before else None
    for page in run["full"]["pages"]:
        label = page["label"]
        if page.get("absent"):
            continue
        alone, load = run["alone"][label], run["loads"][label]
        old_ratio = ""
        if before and label in before["alone"] and before_floor:
            old_ratio = f"{before['alone'][label] / before_floor:.1f} → "
        elif before:
            old_ratio = "– → "
        met = page_met(run, page, small[label])
        lines.append(
            f"| {label} | {page['who'] or 'public'} | {small[label]} / {page['queries']} | "
            f"{page['slowest_query_ms']:.2f} | {was(before, 'alone', label, '.1f')}{alone:.1f} | "
            f"{old_ratio}{alone / floor:.1f} | {was(before, 'loads', label, '.0f')}"
            f"{load['rps']:.0f} | {load['p99']:.0f} | {'yes' if met else '**no**'}"
            f"{' (errors)' if load['errors'] else ''} |"
        )
    mixed = run["mix"]
    old = before.get("mix") if before else None
    lines += [
        "",
        f"{mixed['clients']} clients at once, each asking in turn for: "
        + ", ".join(mixed["pages"])
        + ".",
        "",
        "| | req/s | p50 ms | p99 ms | met (p99 ≤ 300 ms) | CPU ms a request: site / database |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in (("before", old), ("now", mixed)):
        if figures:
            cpu = (
                f"{figures['site_cpu_ms']:.1f} / {figures['database_cpu_ms']:.1f}"
                if "site_cpu_ms" in figures
                else "–"
            )
            lines.append(
                f"| {name} | {figures['rps']:.0f} | {figures['p50']:.0f} | {figures['p99']:.0f} "
                f"| {'yes' if figures['p99'] <= TARGET_MIX_P99 else '**no**'} | {cpu} |"
            )
    if run["full"]["exports"]:
        lines += exports_table(run)
    return "\n".join(lines) + "\n"


def exports_table(run: dict) -> list[str]:
    lines = [
        "",
        "| export | served ms (first / median of 7) | WeasyPrint alone ms (median of 7, "
        "taken in turns with the served) | ratio | met |",
        "|---|---|---|---|---|",
    ]
    for export in run["full"]["exports"]:
        times = run["served"][export["label"]]
        median, raw = times["served"], times["alone"]
        ratio = f"{median / raw:.2f}" if raw else "–"
        met = "–" if not raw else ("yes" if median / raw <= TARGET_EXPORT else "**no**")
        raw_text = f"{raw:.0f}" if raw else "–"
        lines.append(
            f"| {export['label']} | {times['first']:.0f} / {median:.0f} | {raw_text} | {ratio} "
            f"| {met} |"
        )
    return lines
