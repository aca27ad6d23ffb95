"""The served benchmark's load, through the running server: a person's login, wrk on a page
(its requests a second and latencies), and each export downloaded whole, timed beside
WeasyPrint alone on the same HTML. Part of `bench/serve.py`."""

import os
import re
import statistics
import subprocess
import time
from pathlib import Path

from tests.project.serving import Visitor

PASSWORD = "Bench-Password-2026"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def log_in(base: str, username: str) -> str:
    """A session cookie for `username`, by the login form, as a person gets one."""

    visitor = Visitor()
    visitor.log_in(base, username, PASSWORD)
    return "; ".join(f"{c.name}={c.value}" for c in visitor.cookies)


def wrk(url: str, cookie: str, seconds: int) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
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
    from idmf.core import typesetting as pdf

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


def elapsed_ms(run) -> float:
    """How long one call of `run` takes, in milliseconds."""
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def alone_ms(url: str, cookie: str, times: int = 20) -> float:
    """The page on its own: the median of `times` requests one after another, in ms."""
    import urllib.request

    def get():
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    get()  # this process's first request opens what it needs
    return statistics.median(elapsed_ms(get) for _ in range(times))


MIX_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def mix(base: str, paths: list[str], cookie: str, *, clients: int, seconds: int) -> dict:
    """`clients` people at once, each asking for the `paths` in turn (wrk with a script);
    with the CPU time the site's and the database's processes spent a request meanwhile,
    which (unlike requests a second) other load on a shared machine hardly moves."""
    script = Path("var/bench-mix.lua")
    script.write_text(MIX_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    command = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-s", str(script), "-H", f"Cookie: {cookie}", base + paths[0]]
    before = cpu_seconds()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    spent = {name: used - before[name] for name, used in cpu_seconds().items()}
    found = parse_wrk(out)
    requests = found["rps"] * seconds
    return found | {f"{name}_cpu_ms": 1000 * used / requests for name, used in spent.items()}


def cpu_seconds() -> dict[str, float]:
    """CPU time (user and system) used so far by every gunicorn process and every PostgreSQL
    process on the machine, from /proc (Linux), with that of their children that ended (a
    recycled worker, a closed connection's backend), which their parent then holds."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"site": 0.0, "database": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text.rsplit(")", 1)[1].split()
        kind = "site" if b"gunicorn" in command else "database" if name == "postgres" else ""
        if kind:
            used[kind] += sum(int(n) for n in fields[11:15]) / tick
    return used
