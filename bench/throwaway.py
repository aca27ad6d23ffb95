"""The demo in a new throwaway SQLite database under var/, for a bench script that has named
it in DATABASE_URL and started Django."""

import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test.utils import setup_test_environment


def fresh_demo(filename: str) -> None:
    """Delete var/`filename`, migrate it anew and load the demo (e-mail kept in memory)."""
    Path(settings.BASE_DIR / "var" / filename).unlink(missing_ok=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
