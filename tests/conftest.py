"""The fixed cast every view is checked against: one user per role in our
organisation, a system-level member, and outsiders in another system."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from idmf.core.models import Role
from idmf.core.reference import forget_all_kept
from tests import databases, jinja_pages, reference
from tests.core.factories import (
    MembershipFactory,
    OrganisationFactory,
    SystemFactory,
    UserFactory,
)


@dataclass
class Cast:
    organisation: object
    sibling: object  # another organisation in the same system
    other: object  # an organisation in another system
    author: object
    approver: object
    board_secretary: object
    viewer: object
    organisation_admin: object
    system_member: object  # viewer across every organisation of our system
    outsider: object  # author in the other system's organisation
    no_membership: object

    def by_role(self):
        return {
            Role.AUTHOR: self.author,
            Role.APPROVER: self.approver,
            Role.BOARD_SECRETARY: self.board_secretary,
            Role.VIEWER: self.viewer,
            Role.ORGANISATION_ADMIN: self.organisation_admin,
        }


@pytest.fixture(autouse=True, scope="session")
def jinja_pages_watched():
    """Pages tell the test client their context, and a method printed or tested without
    being called fails the test (tests/jinja_pages.py)."""
    stop = jinja_pages.watch()
    yield
    stop()


@pytest.fixture(autouse=True)
def empty_cache():
    # Allowances counted in the cache (PDFs a minute) start afresh in every test, and no
    # reference data read in another test (whose changes were rolled back) is kept.
    cache.clear()
    forget_all_kept()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    # Built packs go to a throwaway folder, never the demo's var/media.
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def unsigned_unless_asked(settings, tmp_path_factory):
    """PDFs are made as a site without a signing certificate makes them (whatever var/signing
    holds), unless a test asks for `signing`."""
    missing = tmp_path_factory.getbasetemp() / "no-signing-certificate"
    settings.SIGNING_KEY = missing / "key.pem"
    settings.SIGNING_CERTIFICATE = missing / "certificate.pem"


@pytest.fixture(scope="session")
def signing_files(tmp_path_factory):
    """A signing key and self-signed certificate, made once a test process."""
    from tests.signing import make_signing_files

    return make_signing_files(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def signing(settings, signing_files, unsigned_unless_asked):
    """Final records' PDFs and packs are signed with `signing_files` (returned)."""
    settings.SIGNING_KEY = signing_files.key
    settings.SIGNING_CERTIFICATE = signing_files.certificate
    return signing_files


@pytest.fixture(autouse=True)
def pdfs_made_at_once(request, monkeypatch):
    """The worker makes PDFs; here a worker that is always done before anyone looks: a PDF
    asked for is made the moment it is looked for (downloaded, or checked for), as the
    worker would have made it from the same HTML. One asked for and never looked for (a
    record published in a test about something else) is never typeset, which spares the
    suite a minute of WeasyPrint. Tests marked `pdf_worker` see the real thing: the page
    that says it is being prepared, and the task queued (tests/core/test_pdf_jobs.py)."""
    if request.node.get_closest_marker("pdf_worker"):
        return
    from idmf.core import pdf_jobs
    from idmf.core.models import PdfJob

    kept_now = pdf_jobs.kept
    making = []

    def kept(key):
        found = kept_now(key)
        if found is None and not making:
            job = PdfJob.objects.filter(key=key, state=PdfJob.State.QUEUED).first()
            if job is not None:
                making.append(job.pk)
                try:
                    pdf_jobs.make(job.pk)
                finally:
                    making.clear()
                found = kept_now(key)
        return found

    monkeypatch.setattr(pdf_jobs, "enqueue", lambda job: None)
    monkeypatch.setattr(pdf_jobs, "kept", kept)


def pytest_configure(config):
    # Real hashing costs about half a second per user and tests make many, some in fixtures
    # made once for a module (before any function's `settings` could say otherwise).
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    databases.flush_by_deleting()


def pytest_sessionstart(session):
    # Before xdist starts its workers (its own hook runs last).
    databases.make_for_workers(session.config)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    databases.drop_copies(session.config)


django_db_keepdb = databases.django_db_keepdb


def _flushes(item) -> bool:
    """The test ran in real transactions, so the database was emptied after it (as
    pytest-django decides: the marker's `transaction`, or the fixtures that imply it)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, the reference data the data migrations loaded is
    put back if it is missing (the flush keeps its tables: tests/databases.py), so that every
    later test in the process finds it however the tests were shared out among the workers
    (a test reading it must not depend on running first)."""
    result = yield
    # Not after the process's last test: its database may be gone with the session.
    if nextitem is not None and _flushes(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            reference.put_back()
    return result


@pytest.fixture
def oidc_provider(settings):
    """Start a real OpenID Connect provider on loopback and point single sign-on at it:
    `start(redirect_uri)` returns its issuer."""
    from tests.people.oidc import CLIENT_ID, CLIENT_SECRET, start_provider

    started = []

    def start(redirect_uri: str) -> str:
        process, issuer = start_provider(redirect_uri)
        started.append(process)
        settings.OIDC_ISSUER = issuer
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_EMAIL_DOMAINS = ["nhs.net"]
        return issuer

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def reference_data(db):
    """The tools' reference data. A transactional test's flush also removes what data
    migrations loaded: put it back."""
    reference.put_back()


@pytest.fixture
def cast(reference_data):
    return make_cast()


def make_cast() -> Cast:
    """The fixed cast, in the database (with its reference data)."""
    system = SystemFactory(name="Leicester, Leicestershire and Rutland")
    organisation = OrganisationFactory(system=system, name="Our ICB")
    sibling = OrganisationFactory(system=system, name="Sibling Trust")
    other = OrganisationFactory(name="Other System Trust")
    users = {}
    for role in Role.values:
        users[role] = UserFactory(username=role.replace("_", "."))
        MembershipFactory(user=users[role], organisation=organisation, role=role)
    system_member = UserFactory(username="system.viewer")
    MembershipFactory(user=system_member, organisation=None, system=system, role=Role.VIEWER)
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, organisation=other, role=Role.AUTHOR)
    return Cast(
        organisation=organisation,
        sibling=sibling,
        other=other,
        author=users[Role.AUTHOR],
        approver=users[Role.APPROVER],
        board_secretary=users[Role.BOARD_SECRETARY],
        viewer=users[Role.VIEWER],
        organisation_admin=users[Role.ORGANISATION_ADMIN],
        system_member=system_member,
        outsider=outsider,
        no_membership=UserFactory(username="nobody"),
    )


@pytest.fixture
def client_for(client):
    """Log the test client in as a given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def queries_for():
    """How many database queries one GET of `url` makes (and that it succeeds), as the site
    is after a first request (what it keeps a while, such as a list's filters, is kept)."""

    def count(client, url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    return count


def _serving(server):
    """A real server on loopback for the whole test process (each xdist worker has its own
    port); a test may stop it, and it is started again for the next."""
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _mail_server():
    from tests.mail_server import MailServer

    yield from _serving(MailServer())


@pytest.fixture(scope="session")
def _object_store():
    from tests.object_store import ObjectStore

    yield from _serving(ObjectStore())


@pytest.fixture
def mail_server(_mail_server, settings):
    """The site's e-mail goes through Django's SMTP backend to a real server on loopback;
    `mail_server.received` is what arrived."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _mail_server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 1
    _mail_server.running()
    _mail_server.mailbox.reset()
    yield _mail_server
    _mail_server.running()


@pytest.fixture
def object_store(_object_store, settings):
    """The site's files go to an empty bucket on a real S3-compatible server on loopback."""
    _object_store.running()
    _object_store.empty_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": _object_store.storage_settings()}
    yield _object_store
    _object_store.running()
