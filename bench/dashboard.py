"""The health-equity dashboard at scale: the page for a whole system, and each tool's panel on
its own, beside the login page and /healthz (the floor) in the same run.

Needs a database seeded at the scale to measure, named by DATABASE_URL, for example ten times
the bench size:

    DATABASE_URL=postgres://…/bench10 .venv/bin/python manage.py seed_bench --scale 10
    DATABASE_URL=postgres://…/bench10 .venv/bin/python bench/dashboard.py

Prints medians of 20 requests one after another through Django's test client (no server, no
network), and each panel's queries and their time in the database. Target: the page ≤ 30 ms.
The page is shown as kept (nothing it counts has changed since it was last counted), and as
counted again after a change in one of the system's organisations (its change mark is new,
idmf.core.dashboard_kept): an action saved (the actions panel and the EHIIRAs', whose
cumulative impact counts actions, are counted again, the EHIIRAs' tallies of that
organisation too), and an organisation saved (every panel). The save and its history are in
the time; each is rolled back after the request that saw it.
"""

import datetime
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")
os.environ.setdefault("DJANGO_REQUEST_LOG_LEVEL", "WARNING")
ROUNDS = 20


def median_ms(call) -> float:
    from bench.serve_load import elapsed_ms

    for _ in range(3):  # warm: caches, prepared statements
        call()
    return statistics.median(elapsed_ms(call) for _ in range(ROUNDS))


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from idmf.core.dashboard import PANELS
    from idmf.core.dashboard_page import scopes_for
    from idmf.core.models import Membership

    settings.ALLOWED_HOSTS = ["*"]
    member = Membership.objects.filter(organisation__isnull=True).select_related("user").first()
    if member is None:
        sys.exit("No system-level member: seed the database first (manage.py seed_bench).")
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(member.user)

    def page(client, url):
        def get():
            assert client.get(url).status_code == 200, url

        return get

    from django.db import transaction

    from idmf.actions.models import Action
    from idmf.core.models import Organisation

    def changed_then(get, change):
        """After `change()`, saved in one of the system's organisations: what counts it is
        counted again. The change is rolled back after the request (which saw it)."""

        def call():
            with transaction.atomic():
                change()
                get()
                transaction.set_rollback(True)

        return call

    today = datetime.date.today()
    scope = scopes_for(member.user)[f"system-{member.system_id}"].scope(
        start=today - datetime.timedelta(days=365), end=today
    )
    an_action = Action.objects.filter(organisation_id__in=scope.organisation_ids).first()
    organisation = Organisation.objects.get(pk=scope.organisation_ids[0])
    print(f"{'':44}{'median ms':>10}{'queries':>9}{'in db ms':>10}")
    for label, client, url, changing in [
        ("/healthz (floor)", anonymous, "/healthz", None),
        ("login page (floor)", anonymous, "/login/", None),
        ("dashboard of a system, kept (target ≤ 30)", signed_in, "/dashboard/", None),
        ("  after an action is saved", signed_in, "/dashboard/", an_action.save),
        ("  after an organisation is saved", signed_in, "/dashboard/", organisation.save),
        ("  (an action's save alone)", None, None, an_action.save),
    ]:
        get = page(client, url) if client else lambda: None
        get = changed_then(get, changing) if changing else get
        ms = median_ms(get)
        with CaptureQueriesContext(connection) as queries:
            get()
        in_db = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"{label:44}"[:44] + f"{ms:>10.1f}{len(queries):>9}{in_db:>10.1f}")
    print(f"Its panels, for {len(scope.organisation_ids)} organisations and the last year:")
    for build in PANELS:
        ms = median_ms(lambda build=build: build(scope))
        with CaptureQueriesContext(connection) as queries:
            build(scope)
        in_db = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"  {build.__module__}.{build.__name__:<30}"[:44].ljust(44), end="")
        print(f"{ms:>10.1f}{len(queries):>9}{in_db:>10.1f}")


if __name__ == "__main__":
    main()
