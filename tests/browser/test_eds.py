"""An EDI lead grades an EDS report and watches the totals and their working change; it is
submitted, authorised by another approver, published, and the public page and PDF show
the overall rating."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from eds.models import EdsReport
from idmf.core.models import Service
from tests.browser.pages import fill_action, press
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser


def rate(page, key, rating, evidence="Evidence from the audit", owner="EDI lead"):
    page.locator(f'textarea[name="{key}-evidence"]').fill(evidence)
    page.locator(f'input[name="{key}-rating"][value="{rating}"]').check()
    page.locator(f'input[name="{key}-owner"]').fill(owner)


def test_an_edi_lead_grades_a_report_which_is_authorised_and_published(log_in, live_server):
    page = log_in("mse.author")
    page.goto(live_server.url + "/eds/")
    page.get_by_role("button", name="Start a report").click()
    page.get_by_label("Reporting year").fill("2024/25")
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", name="About the report")).to_be_visible()
    report = EdsReport.objects.get(year="2024/25")

    page.get_by_label("Organisation board sponsor / lead").fill("Dr Giles Thorpe")
    page.get_by_label("EDS lead").fill("Dr Sophia Morris")
    page.get_by_label("By the organisation alone").check()
    page.get_by_role("button", name="Save and continue").click()

    perinatal = Service.objects.get(name="Perinatal mental health (EPUT)")
    maternity = Service.objects.get(name="Maternity (MSE FT)")
    services = page.locator("fieldset").filter(has_text="Services assessed in Domain 1")
    services.get_by_label("Perinatal mental health (EPUT)", exact=False).check()
    services.get_by_label("Maternity (MSE FT)", exact=False).check()
    aligned = page.locator("fieldset").filter(has_text="aligned to a Core20PLUS5")
    aligned.get_by_label("Maternity (MSE FT)", exact=False).check()
    page.get_by_role("button", name="Save and continue").click()

    # Domain 1, each outcome for each service: the seed's ratings.
    for code, (one, two) in {"1A": (1, 2), "1B": (2, 2), "1C": (2, 3), "1D": (2, 3)}.items():
        rate(page, f"{code}-{perinatal.pk}", one)
        rate(page, f"{code}-{maternity.pk}", two)
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("link", name="Domain 1: Commissioned or provided services").click()
    expect(page.locator("#score-1A")).to_have_text("Score 1A: (1 + 2) ÷ 2 = 1.5 → 2")
    expect(page.locator("#domain-total")).to_contain_text(
        "Domain 1 total: 10 (average rating 2.5: between Achieving and Excelling)"
    )

    # A change of one rating changes the score and its working.
    page.locator(f'input[name="1A-{perinatal.pk}-rating"][value="3"]').check()
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("link", name="Domain 1: Commissioned or provided services").click()
    expect(page.locator("#score-1A")).to_have_text("Score 1A: (3 + 2) ÷ 2 = 2.5 → 3")
    expect(page.locator("#domain-total")).to_contain_text(
        "Domain 1 total: 11 (average rating 2.75: between Achieving and Excelling)"
    )
    page.locator(f'input[name="1A-{perinatal.pk}-rating"][value="1"]').check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Domain 2: Workforce health")).to_be_visible()
    for code in ("2A", "2B", "2C", "2D"):
        rate(page, code, 1)
    page.get_by_role("button", name="Save and continue").click()
    for code in ("3A", "3B", "3C"):
        rate(page, code, 1)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Action plan")).to_be_visible()
    page.get_by_label("Objective for 2A").fill("Support staff with long-term conditions")
    page.get_by_label("For outcome").select_option(label="2A")
    fill_action(
        page, "Analyse the wellbeing survey", "Wellbeing champions", due=("31", "3", "2026")
    )
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Check the report before submitting")).to_be_visible()
    overall = page.locator("#overall")
    expect(overall).to_contain_text("17 – Developing")
    expect(overall).to_contain_text("Overall: 10 + 4 + 3 = 17")
    press(page, "Submit for authorisation", banner="submitted")
    page.get_by_role("button", name="Log out").click()

    page = log_in("mse.approver")
    page.goto(live_server.url + report.get_absolute_url())
    page.get_by_role("button", name="Authorise", exact=True).click()
    page.get_by_label("Year(s) active").fill("2025/26")
    press(page, "Authorise", banner="Report authorised")
    expect(page.locator("#authorisation")).to_contain_text("Olu Adeyemi")
    page.get_by_role("button", name="Publish", exact=True).click()
    press(page, "Publish this report", banner="Report published")
    page.get_by_role("button", name="Log out").click()

    page.goto(live_server.url + "/eds/published/")
    row = page.locator("tr").filter(has_text="2024/25")
    expect(row).to_contain_text("17 – Developing")
    row.get_by_role("link", name="Read the report").click()
    expect(page.locator("#overall-rating")).to_contain_text("17 – Developing")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    text = " ".join(pdf_text(Path(download.value.path()).read_bytes()).split())
    assert "EDS Organisation Rating (overall rating): 17 – Developing" in text
    assert "Analyse the wellbeing survey" in text
