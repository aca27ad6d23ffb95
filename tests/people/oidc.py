"""The single sign-on tests' OpenID Connect provider: npm's oidc-provider, a real one,
started on loopback by the `oidc_provider` fixture (tests/conftest.py)."""

import os
import subprocess
import threading
from pathlib import Path

from tests.project.serving import free_port

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "inclusive-decisions-tests"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"


def start_provider(redirect_uri: str) -> tuple[subprocess.Popen, str]:
    """Start the provider for one client whose callback is `redirect_uri`; its issuer."""
    port = free_port()
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        env={
            **os.environ,
            "PORT": str(port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": redirect_uri,
            "NODE_NO_WARNINGS": "1",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=SCRIPT.parent,
    )
    # Read its output until it says it is ready, or ends: killed if it is not ready within
    # a minute (node starts it in well under a second). Lines are read by Python's buffered
    # reader alone (a line already buffered is invisible to select()).
    timer = threading.Timer(60, process.kill)
    timer.start()
    said = []
    try:
        for line in process.stdout:
            if line.startswith("ready "):
                return process, line.split()[1]
            said.append(line)
    finally:
        timer.cancel()
    process.kill()
    raise RuntimeError("The OpenID Connect provider did not start: " + "".join(said))
