import io

import pytest
from django.core.management import call_command

from idmf.demo import DEMO_PASSWORD
from tests import reference
from tests.browser import snapshot


@pytest.fixture(autouse=True)
def static_by_name(settings):
    # The live server serves static files from their source folders by their own names:
    # pages must ask for them so (not by collectstatic's hashed names), or the browser
    # tests would run without the stylesheet and the scripts.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def demo_data(transactional_db):
    """The demo, as `make run` loads it (tests/browser/snapshot.py: loaded once a process,
    put back before each test)."""
    if snapshot.taken():
        snapshot.restore()
        return
    # A transactional test's flush removes what data migrations loaded: put it back.
    reference.put_back()
    call_command("load_demo", stdout=io.StringIO())
    snapshot.take()


@pytest.fixture
def log_in(page, live_server, demo_data):
    def log_in_as(username, password=DEMO_PASSWORD):
        page.goto(live_server.url + "/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        return page

    return log_in_as


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: nothing downloads a browser.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            # The stylesheet asks assets.nhs.uk for the NHS font, which these machines cannot
            # reach: the name is not found at once, rather than every page waiting for it (the
            # fallback font is used). Not a Playwright route, which would turn the browser's
            # cache off and fetch every script and stylesheet again on every page.
            "--host-resolver-rules=MAP assets.nhs.uk ~NOTFOUND",
        ],
    }
