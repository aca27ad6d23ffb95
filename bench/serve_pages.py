"""The served benchmark's pages and exports, and (in a child process, on one database) each
page's queries, the slowest of them in EXPLAIN ANALYZE, and each PDF export's HTML for
WeasyPrint alone. Part of `bench/serve.py`, which runs `inspect` with `--inspect`."""

import json
import urllib.parse
from pathlib import Path


def bench_organisation():
    """Bench organisation 1, and the filter for the records its system's viewer sees."""
    from idmf.core.models import Organisation

    organisation = Organisation.objects.get(name="Bench organisation 1")
    return organisation, {"organisation__system": organisation.system}


def record_pages(name: str, prefix: str, pk: int) -> list[tuple[str, str, str]]:
    """A record's page and its history, as the system-level viewer sees them."""
    return [
        (name, "system", f"{prefix}{pk}/"),
        (f"{name}'s history", "system", f"{prefix}{pk}/history/"),
    ]


def pages() -> list[tuple[str, str, str]]:
    """(label, who, URL) of every page measured, for the bench users of system 1."""
    from assessments.models import Assessment
    from boardtool.models import Review
    from eds.models import EdsReport
    from idmf.actions.models import Action
    from idmf.decisions.models import DecisionRecord

    organisation, mine = bench_organisation()
    # Records of the same shape at either size: complete, with every kind of part.
    assessment = Assessment.objects.filter(**mine, published_at__isnull=False).first()
    decision = DecisionRecord.objects.filter(**mine, steps_completed=6).first()
    action = Action.objects.filter(**mine, assignee__isnull=False, source_id__isnull=False).first()
    report = EdsReport.objects.filter(**mine, status__in=["authorised", "published"]).first()
    review = Review.objects.filter(**mine, status="approved").first()
    published = Assessment.objects.filter(published_at__isnull=False).first()
    word = Assessment.objects.filter(**mine).first().title.split()[1]
    return [
        ("health check", "", "/healthz"),
        ("login page", "", "/login/"),
        ("home", "author", "/"),
        ("assessments list", "system", "/assessments/"),
        ("assessments, last page", "system", "/assessments/?page=99999"),
        ("assessments, status filter", "system", "/assessments/?status=approved"),
        ("assessments, search", "system", f"/assessments/?q={urllib.parse.quote(word)}"),
        *record_pages("an assessment", "/assessments/", assessment.pk),
        ("decision register", "system", "/decisions/"),
        ("decisions at step 3", "system", "/decisions/?step=3"),
        ("reviews overdue", "system", "/decisions/reviews-overdue/"),
        *record_pages("a decision", "/decisions/", decision.pk),
        ("actions list", "system", "/actions/?whose=all"),
        ("my actions", "author", "/actions/"),
        *record_pages("an action", "/actions/", action.pk),
        ("EDS reports", "system", "/eds/"),
        *record_pages("an EDS report", "/eds/", report.pk),
        ("board reviews", "system", "/board/"),
        *record_pages("a board review", "/board/", review.pk),
        ("packs", "system", "/board/packs/"),
        ("organisations", "system", "/organisations/"),
        ("an organisation", "system", f"/organisations/{organisation.pk}/"),
        ("dashboard", "system", "/dashboard/"),
        ("public register", "", "/register/"),
        ("public register, a system", "", f"/register/systems/{organisation.system_id}/"),
        ("public register, searched", "", f"/register/?q={organisation.name.split()[-1]}"),
        ("public register, an organisation", "", f"/register/organisations/{organisation.pk}/"),
        ("public register, a record", "", f"/register/assessments.assessment/{published.pk}/"),
        ("published decisions", "", "/published/"),
        ("published EDS reports", "", "/eds/published/"),
    ]


def exports() -> list[tuple[str, str, bool]]:
    """(label, URL, is a PDF) of each export, for the system-level viewer."""
    from assessments.models import Assessment
    from idmf.decisions.models import DecisionRecord

    organisation, mine = bench_organisation()
    draft = Assessment.objects.filter(**mine, status="submitted").first()
    decision = DecisionRecord.objects.filter(
        **mine, steps_completed__gte=4, steps_completed__lt=6
    ).first()
    return [
        ("EHIIRA PDF (submitted, rendered each time)", f"/assessments/{draft.pk}/pdf/", True),
        ("decision PDF (in progress)", f"/decisions/{decision.pk}/pdf/", True),
        ("organisation profile PDF", f"/organisations/{organisation.pk}/profile.pdf", True),
        ("EHIIRA as Word", f"/records/assessments.assessment/{draft.pk}.docx", False),
        ("assessments CSV (all visible)", "/assessments/?format=csv", False),
        ("actions CSV (all visible)", "/actions/?whose=all&format=csv", False),
    ]


def inspect(out: Path, *, with_exports: bool) -> None:
    """Count each page's queries (and EXPLAIN ANALYZE them), and time WeasyPrint alone on
    each PDF export's HTML; written to `out` as JSON."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from idmf.core import typesetting as pdf

    setup_test_environment()
    users = get_user_model().objects
    clients = {"": Client()}
    for who, username in (("system", "bench.s1.viewer"), ("author", "bench.o1.author")):
        clients[who] = Client()
        clients[who].force_login(users.get(username=username))
    found = {"pages": [], "exports": []}
    for label, who, url in pages():
        clients[who].get(url)  # warm: first-use lookups are cached afterwards
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(url)
        if response.status_code == 404:  # a page this version of the code does not have
            found["pages"].append({"label": label, "who": who, "url": url, "absent": True})
            continue
        assert response.status_code == 200, (url, response.status_code)
        slowest = max((explain_ms(connection, q["sql"]) for q in captured), default=0.0)
        found["pages"].append(
            {
                "label": label,
                "who": who,
                "url": url,
                "queries": len(captured),
                "slowest_query_ms": slowest,
            }
        )
    html = {}
    real = pdf.render_to_string

    def keep(template, context):
        html["last"] = real(template, context)
        return html["last"]

    pdf.render_to_string = keep
    for n, (label, url, is_pdf) in enumerate(exports() if with_exports else []):
        page = None
        if is_pdf:  # the HTML the server renders, for WeasyPrint alone beside it
            assert clients["system"].get(url).status_code == 200, url
            page = out.with_name(f"{out.stem}-export-{n}.html")
            page.write_text(html["last"])
        found["exports"].append({"label": label, "url": url, "html": str(page or "")})
    out.write_text(json.dumps(found))


def explain_ms(connection, sql: str) -> float:
    if not sql.lstrip().upper().startswith("SELECT") or connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        return float(cursor.fetchone()[0][0]["Execution Time"])
