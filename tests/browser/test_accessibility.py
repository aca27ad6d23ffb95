"""axe-core (shipped inside axe-playwright-python, nothing downloaded) on the main pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from idmf.decisions.models import DecisionRecord
from idmf.people import services as people_services

pytestmark = pytest.mark.browser


def demo_pages():
    """The main pages, at the demo records' own ids (they differ between databases)."""
    from assessments.models import Assessment
    from boardtool.models import Pack, Review
    from idmf.core.models import Organisation
    from idmf.demo import LLR_ICB
    from idmf.evidence.models import EvidenceTable

    organisation = Organisation.objects.get(name=LLR_ICB).pk
    framework = DecisionRecord.objects.get(title__contains="Health Inequalities Framework").pk
    libre = DecisionRecord.objects.get(title__contains="FreeStyle Libre").pk
    ehiira = Assessment.objects.get(title__contains="Health Inequalities Framework").pk
    review = Review.objects.order_by("-approved_at").first().pk
    pack = Pack.objects.get().pk
    evidence = EvidenceTable.objects.filter(dimension__slug="imd_quintile").get().pk
    return [
        "/evidence/",
        "/evidence/new/",
        f"/evidence/{evidence}/",
        f"/evidence/{evidence}/figures/",
        f"/evidence/{evidence}/upload/",
        f"/evidence/{evidence}/details/",
        f"/evidence/{evidence}/next-period/",
        f"/records/decisions.decisionrecord/{libre}/people/",
        "/",
        "/actions/",
        f"/organisations/{organisation}/",
        "/assessments/",
        f"/assessments/{ehiira}/",
        "/assessments/new/",
        "/decisions/",
        f"/decisions/{framework}/",
        f"/decisions/{libre}/step/2/",
        f"/decisions/{libre}/step/4/",
        "/published/",
        f"/published/{framework}/",
        f"/assessments/{ehiira}/history/",
        "/eds/",
        "/eds/new/",
        "/eds/scoring/",
        "/eds/published/",
        "/board/",
        "/board/new/",
        f"/board/{review}/",
        f"/board/{review}/scorecard/",
        "/board/packs/",
        f"/board/packs/{pack}/",
        "/register/",
        "/dashboard/",
        f"/register/organisations/{organisation}/",
        f"/register/assessments.assessment/{ehiira}/",
        "/check-a-document/",
    ]


def serious(results):
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_main_pages_have_no_serious_accessibility_violations(log_in, live_server):
    page = log_in("author")
    axe = Axe()
    found = {}
    for path in demo_pages():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        problems = serious(axe.run(page))
        if problems:
            found[path] = problems
    assert found == {}


def test_people_pages_have_no_serious_violations(log_in, live_server, browser):
    """An admin's invitations and leaver pages; the page an invitation links to; the page of
    someone signed in with no access yet."""
    from django.contrib.auth.models import User

    from idmf.core.models import Organisation, Role
    from idmf.demo import LLR_ICB

    organisation = Organisation.objects.get(name=LLR_ICB)
    admin = User.objects.get(username="orgadmin")
    _, token = people_services.invite(
        organisation=organisation, email="someone@nhs.net", role=Role.AUTHOR, by=admin
    )
    viewer = User.objects.get(username="viewer").pk
    axe = Axe()
    found = {}
    page = log_in("orgadmin")
    for path in [
        f"/organisations/{organisation.pk}/invitations/",
        f"/organisations/{organisation.pk}/people/{viewer}/close/",
    ]:
        assert page.goto(live_server.url + path).status == 200, path
        if problems := serious(axe.run(page)):
            found[path] = problems
    page.get_by_role("button", name="Log out").click()
    assert page.goto(f"{live_server.url}/invitations/{token}/").status == 200
    if problems := serious(axe.run(page)):
        found["invitation"] = problems
    User.objects.create_user("newcomer", password="a-newcomer-password-5")
    log_in("newcomer", "a-newcomer-password-5")
    if problems := serious(axe.run(page)):
        found["no access"] = problems
    assert found == {}


def test_eds_report_pages_have_no_serious_violations(log_in, live_server):
    from eds.models import EdsReport

    report = EdsReport.objects.get(year="2022/23").pk
    page = log_in("mse.author")
    axe = Axe()
    found = {}
    for path in [
        f"/eds/{report}/",
        f"/eds/{report}/score-card/",
        f"/eds/published/{report}/",
        f"/eds/{report}/history/",
    ]:
        assert page.goto(live_server.url + path).status == 200, path
        if problems := serious(axe.run(page)):
            found[path] = problems
    # Next year's draft: its grading pages and action plan.
    page.goto(live_server.url + f"/eds/{report}/next-year/")
    page.get_by_role("button", name="Start next year's report").click()
    draft = page.url
    for slug in ("about", "services", "domain-1", "actions"):
        page.goto(f"{draft}page/{slug}/")
        if problems := serious(axe.run(page)):
            found[slug] = problems
    assert found == {}


def test_a_form_with_errors_has_no_serious_violations(log_in, live_server):
    page = log_in("author")
    page.goto(live_server.url + "/assessments/new/")
    page.get_by_role("button", name="Start assessment").click()
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the page the press loads
    assert serious(Axe().run(page)) == []
    # A document checked: the answer, and the form again below it.
    page.goto(live_server.url + "/check-a-document/")
    page.get_by_label("Upload the PDF").set_input_files(
        files=[{"name": "made-up.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}]
    )  # fmt: skip
    page.get_by_role("button", name="Check the document").click()
    expect(page.get_by_role("heading", name="We did not sign this document")).to_be_visible()
    assert serious(Axe().run(page)) == []


def test_organisation_setup_page_has_no_serious_violations(log_in, live_server):
    page = log_in("orgadmin")
    from idmf.core.models import Organisation
    from idmf.demo import LLR_ICB

    organisation = Organisation.objects.get(name=LLR_ICB).pk
    page.goto(live_server.url + f"/organisations/{organisation}/setup/")
    assert page.get_by_role("heading", name="Manage members and services").is_visible()
    assert serious(Axe().run(page)) == []
    page.goto(live_server.url + f"/evidence/settings/{organisation}/")
    assert page.get_by_role("heading", name="Equity evidence settings").is_visible()
    assert serious(Axe().run(page)) == []


def test_pages_with_problems_have_no_serious_violations(log_in, live_server):
    page = log_in("author")
    page.goto(live_server.url + "/assessments/new/")
    page.get_by_label("Title of assessment").fill("Accessible checks")
    page.get_by_role("button", name="Start assessment").click()
    check = page.url.replace("/section/about/", "/check/")
    page.goto(check)
    assert page.locator("#still-to-do").is_visible()
    assert serious(Axe().run(page)) == []
    libre = DecisionRecord.objects.get(title__contains="FreeStyle Libre")
    page.goto(live_server.url + f"/decisions/{libre.pk}/step/4/")
    page.get_by_role("button", name="Save and mark step 4 complete").click()
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the page the press loads
    assert serious(Axe().run(page)) == []
