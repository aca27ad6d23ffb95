"""The permission matrix: every URL pattern × every member of the fixed cast × each record
state, GET and POST, against one declarative table of what each should get (`MATRIX`, its
rows a module a room in tests/project/matrix/).

A URL with no row in `MATRIX` fails `test_every_url_has_a_row`. Every response to someone
outside the other system is also checked for the other system's organisation and records:
none of it may appear.

Outcomes: "ok" (200, or a redirect that is not to the login page), "login" (a redirect to
it), 403, 404, 405.

Shared access: every record of every tool the table makes is shared with two people of a
partner organisation in our system (viewers there, who otherwise see none of our
organisation's records): `co_author` may edit it, `reader` may read it. Neither may approve
it, add colleagues to it, or see our organisation's other pages. tests/project/
test_shared_access.py shows what sharing adds for each role of our own organisation.
"""

from http.cookies import SimpleCookie

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse

from idmf.core.models import Role
from tests import reference
from tests.assessments.factories import AssessmentFactory
from tests.boardtool.factories import ReviewFactory, pack_in
from tests.conftest import make_cast
from tests.core.factories import MembershipFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory
from tests.eds.factories import EdsReportFactory
from tests.project.matrix import assessments, boardtool, decisions, eds, evidence, shared
from tests.project.matrix.records import prepare
from tests.project.matrix.rules import ACTORS
from tests.urls import url_names

SECRET = "Secret work of the other system"

# url name: (states, url maker, {method: rule}), a module a room (tests/project/matrix/), in
# the order the table has always had.
MATRIX = {
    **shared.CORE,
    **decisions.ROWS,
    **shared.PUBLISHING,
    **assessments.ROWS,
    **eds.ROWS,
    **boardtool.ROWS,
    **evidence.ROWS,
}


def test_every_url_has_a_row():
    assert set(url_names()) == set(MATRIX)


def outcome_of(response) -> object:
    if response.status_code in {301, 302}:
        return "login" if response["Location"].startswith(reverse("login")) else "ok"
    if response.status_code == 200:
        return "ok"
    return response.status_code


@pytest.fixture(scope="module")
def table(django_db_setup, django_db_blocker):
    """What every row of the table asks about, made once for them all: the cast, the other
    system's records (which must never show to anyone outside it), the partner
    organisation's co-author and reader, a superuser, and each actor signed in once. It is
    made in a transaction rolled back after the last row; each row's own records are made
    and rolled back in its own test, as ever."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _table()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _table():
    reference.put_back()
    cast = make_cast()
    superuser = UserFactory(username="super", is_superuser=True, is_staff=True)
    secret = AssessmentFactory(organisation=cast.other, created_by=cast.outsider, title=SECRET)
    DecisionRecordFactory(organisation=cast.other, created_by=cast.outsider, title=SECRET)
    EdsReportFactory(organisation=cast.other, created_by=cast.outsider, eds_lead=SECRET)
    ReviewFactory(organisation=cast.other, created_by=cast.outsider, subject=SECRET)
    pack_in(cast.other, by=cast.outsider).items.create(
        order=1,
        record_type=ContentType.objects.get_for_model(secret),
        record_id=secret.pk,
        title=SECRET,
    )
    # The partner organisation's co-author and reader of every record the table makes.
    cast.co_author = UserFactory(username="co.author")
    cast.reader = UserFactory(username="reader")
    for person in (cast.co_author, cast.reader):
        MembershipFactory(user=person, organisation=cast.sibling, role=Role.VIEWER)
    prepare(cast)
    users = {actor: getattr(cast, actor, None) for actor in ACTORS} | {"superuser": superuser}
    cookies = {}
    for actor, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        cookies[actor] = client.cookies.output(header="")
    return cast, cookies


@pytest.fixture
def clients(table):
    """Each actor's browser, signed in (the session made with the table: a row that logs out
    or renews one rolls back with the row)."""
    _, cookies = table
    found = {}
    for actor, cookie in cookies.items():
        found[actor] = Client()
        found[actor].cookies = SimpleCookie(cookie)
    return found


class PaperPdf:
    """WeasyPrint's HTML, minus the typesetting: the matrix asks who gets a PDF, not what is
    in it (tests/core/test_pdf.py and each tool's tests read real ones). The template is
    still rendered, with every query it makes."""

    def __init__(self, string, **kwargs):
        self.string = string

    def write_pdf(self):
        return b"%PDF-1.7 " + self.string.encode()


@pytest.fixture(autouse=True)
def pdfs_without_typesetting(monkeypatch):
    """Nor a Word document built from the HTML (tests/publishing read real ones)."""
    from idmf.core import typesetting
    from idmf.publishing import docx

    monkeypatch.setattr(typesetting, "HTML", PaperPdf)
    monkeypatch.setattr(docx, "html_to_docx", lambda html: b"PK paper " + html.encode())


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(table, clients, db, name):
    cast, _ = table
    states, make_url, methods = MATRIX[name]
    wrong = []
    for method, expected in methods.items():
        for state in states:
            target = make_url(cast, state)
            for actor in ACTORS:
                # A press is undone once its response is read, so that what one actor did
                # never hides another's outcome: each meets the record as the row made it.
                press = transaction.savepoint() if method == "POST" else None
                response = getattr(clients[actor], method.lower())(target)
                got, want = outcome_of(response), expected(actor, state)
                if got != want:
                    wrong.append(f"{method} {target} [{state}] as {actor}: {got}, not {want}")
                content = b"".join(response) if response.streaming else response.content
                body = content.decode(errors="replace")
                if actor not in {"outsider", "superuser"} and (
                    SECRET in body or cast.other.name in body
                ):
                    wrong.append(f"{method} {target} as {actor} shows the other system")
                if press is not None:
                    transaction.savepoint_rollback(press)
    assert wrong == []
