"""A web process never typesets (the worker does: idmf/core/pdf_jobs.py), so it starts without
WeasyPrint or pyHanko: 1.3 s and about 80 MB less for each server process; nor does it build
Word documents (python-docx)."""

import subprocess
import sys

from django.conf import settings

LOADED = """
import sys
import django
django.setup()
from django.test import Client
import idmf.urls
Client().get("/login/")
print(" ".join(sorted({name.split(".")[0] for name in sys.modules} & {"weasyprint", "pyhanko", "docx"})))
"""


def test_a_web_process_serves_a_page_without_loading_the_typesetter_the_signer_or_word():
    found = subprocess.run(
        [sys.executable, "-c", LOADED],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert found.stdout.split() == []
