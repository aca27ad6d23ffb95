"""Board assurance packs: what may go in, what the built PDF holds and in what order, a
failure that leaves nothing to download, and the worker that builds them."""

import hashlib
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from boardtool import pack as builder
from boardtool import services
from boardtool.models import Pack
from idmf.core import records
from idmf.core.models import SignedPdf
from tests.assessments.factories import AssessmentFactory, submitted
from tests.assessments.factories import approved as approved_assessment
from tests.boardtool.factories import ReviewFactory, approved
from tests.core.factories import ActionFactory
from tests.eds.factories import EdsReportFactory, authorised, fully_graded
from tests.pdf_text import pdf_outline_titles, pdf_pages
from tests.signing import SIGNED_WHOLE_BY_US, signatures_of

pytestmark = pytest.mark.django_db


def key(record):
    return (ContentType.objects.get_for_model(record).pk, record.pk)


@pytest.fixture
def packable(cast):
    review = ReviewFactory(organisation=cast.organisation, created_by=cast.author,
                           subject="Health Inequalities Framework 2021–2024")  # fmt: skip
    approved(review, author=cast.author, approver=cast.approver,
             ratings={"K1P1": "assured", "K2P4": "not_assured"})  # fmt: skip
    ActionFactory(organisation=cast.organisation, created_by=cast.author,
                  source=review.cells.get(prompt__kloe__code="K2"), title="Fix the data gaps")  # fmt: skip
    ehiira = approved_assessment(
        submitted(AssessmentFactory(organisation=cast.organisation, created_by=cast.author,
                                    title="Evening clinic EHIIRA"), by=cast.author),
        by=cast.approver,
    )  # fmt: skip
    eds = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(eds, by=cast.author)
    authorised(eds, author=cast.author, approver=cast.approver)
    return review, ehiira, eds


def ask(cast, chosen, **extra):
    return services.request_pack(
        organisation=cast.organisation,
        board="Trust Board",
        meeting_date="2026-12-10",
        chosen=chosen,
        by=cast.board_secretary,
        **extra,
    )


def test_what_cannot_be_packed_is_refused_with_a_reason(cast, packable):
    review, ehiira, eds = packable
    with pytest.raises(services.PackError, match="Choose at least one review or record"):
        ask(cast, [])
    theirs = AssessmentFactory(organisation=cast.other)
    with pytest.raises(services.PackError, match="Only records of this organisation"):
        ask(cast, [key(review), key(theirs)])
    draft = AssessmentFactory(organisation=cast.organisation, title="Draft one")
    with pytest.raises(services.PackError, match="“Draft one” is draft: only approved"):
        ask(cast, [key(draft)])
    assert not Pack.objects.exists()


def test_the_pack_holds_cover_contents_scorecard_and_each_report_in_order(cast, packable):
    review, ehiira, eds = packable
    made = ask(cast, [key(eds), key(review), key(ehiira)])
    builder.build(made.pk)
    made.refresh_from_db()
    assert made.state == "done" and made.is_ready and made.parts_done == made.parts_total == 6
    pdf = made.file.read()
    pages = [" ".join(page.split()) for page in pdf_pages(pdf)]
    text = " ".join(pages)
    assert "Board assurance pack" in pages[0] and "Trust Board" in pages[0]
    assert "10 December 2026" in pages[0]
    assert "Contents" in pages[1]
    # Each part starts on the page the contents give, in the order chosen.
    starts = {
        "Scorecard: Health Inequalities Framework 2021–2024": "Scorecard:",
        f"EDS report: {eds.year}": "NHS Equality Delivery System (EDS)",
        "Board assurance review: Health Inequalities Framework 2021–2024": (
            "Board assurance tool Health Inequalities Framework 2021–2024 Our ICB"
        ),
        "EHIIRA: Evening clinic EHIIRA": "Evening clinic EHIIRA",
        "Appendix: open actions": "Appendix: open actions",
    }
    assert [entry["title"] for entry in made.contents] == list(starts)
    for entry in made.contents:
        shown = " ".join(pages[entry["page"] - 1 : entry["page"] + 1])
        assert starts[entry["title"]] in shown, entry
    assert "Fix the data gaps" in text[text.index("Appendix: open actions") :]
    # One numbering for the whole pack, matching the contents: each page says its own
    # place, once.
    assert made.pages == len(pages)
    for number, page in enumerate(pages, start=1):
        assert re.findall(r"Page \d+ of \d+", page) == [f"Page {number} of {len(pages)}"], number
    # Each part is bookmarked, at the page the contents give for it.
    titles = pdf_outline_titles(pdf)
    assert titles == [
        "Cover and contents",
        "Scorecard: Health Inequalities Framework 2021–2024",
        f"EDS report: {eds.year}",
        "Board assurance review: Health Inequalities Framework 2021–2024",
        "EHIIRA: Evening clinic EHIIRA",
        "Appendix: open actions",
    ]
    reader = PdfReader(io.BytesIO(pdf))
    for entry, outline in zip(made.contents, reader.outline[1:], strict=True):
        assert reader.get_destination_page_number(outline) == entry["page"] - 1
        assert f"{entry['title']} {entry['page']}" in pages[1]
    assert len(reader.pages) == made.pages


def test_a_built_pack_is_signed_by_us_and_listed(cast, packable, signing):
    review, ehiira, eds = packable
    made = ask(cast, [key(review), key(ehiira)])
    builder.build(made.pk)
    made.refresh_from_db()
    pdf = made.file.read()
    assert signatures_of(pdf, signing) == [SIGNED_WHOLE_BY_US]
    listed = SignedPdf.objects.get(sha256=hashlib.sha256(pdf).hexdigest())
    assert listed.title == f"Board assurance pack: {made}" and listed.record == made
    assert listed.url == reverse("boardtool:pack", args=[made.pk])


def test_a_failing_part_leaves_no_pack_to_download(cast, packable, client_for, monkeypatch):
    review, ehiira, eds = packable
    made = ask(cast, [key(review), key(eds)])
    kind = records.kind_for(type(eds))

    def broken(record):
        raise ValueError("the EDS report could not be rendered")

    monkeypatch.setitem(records.KINDS, kind.key, kind.__class__(**{**kind.__dict__, "pdf": broken}))
    builder.build(made.pk)
    made.refresh_from_db()
    assert made.state == "failed" and not made.file and not made.is_ready
    client = client_for(cast.board_secretary)
    page = re.sub(r"\s+", " ", client.get(made.get_absolute_url()).content.decode())
    assert "the EDS report could not be rendered" in page and "Try again" in page
    assert client.get(reverse("boardtool:pack_download", args=[made.pk])).status_code == 404
    monkeypatch.undo()
    client.post(reverse("boardtool:pack_retry", args=[made.pk]))
    builder.build(made.pk)
    made.refresh_from_db()
    assert made.state == "done"
    response = client.get(reverse("boardtool:pack_download", args=[made.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_page_refreshes_itself_until_the_pack_is_built(cast, packable, client_for):
    review, *_ = packable
    made = ask(cast, [key(review)])
    page = client_for(cast.viewer).get(made.get_absolute_url()).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'data-refresh="3"' in page and "Waiting to be built" in page
    builder.build(made.pk)
    page = client_for(cast.viewer).get(made.get_absolute_url()).content.decode()
    assert "http-equiv" not in page and "Download the pack" in page
    assert client_for(cast.outsider).get(made.get_absolute_url()).status_code == 404


def test_the_form_packs_what_is_ticked_in_the_order_given(cast, packable, client_for):
    review, ehiira, eds = packable
    client = client_for(cast.board_secretary)
    page = client.get(reverse("boardtool:pack_new")).content.decode()
    assert "EHIIRA: Evening clinic EHIIRA (Approved)" in page
    assert f"EDS report: {eds.year} (Authorised)" in page
    value = {r: f"{key(r)[0]}-{key(r)[1]}" for r in (review, ehiira, eds)}
    response = client.post(
        reverse("boardtool:pack_new"),
        {
            "board": "Trust Board",
            "meeting_date_0": "10",
            "meeting_date_1": "12",
            "meeting_date_2": "2026",
            f"include-{value[ehiira]}": "on",
            f"order-{value[ehiira]}": "2",
            f"include-{value[review]}": "on",
            f"order-{value[review]}": "1",
            f"order-{value[eds]}": "3",
        },
    )
    made = Pack.objects.get()
    assert response["Location"] == made.get_absolute_url()
    assert [item.title for item in made.items.all()] == [
        "Board assurance review: Health Inequalities Framework 2021–2024",
        "EHIIRA: Evening clinic EHIIRA",
    ]
    response = client.post(reverse("boardtool:pack_new"), {"board": "Trust Board",
        "meeting_date_0": "10", "meeting_date_1": "12", "meeting_date_2": "2026"})  # fmt: skip
    assert "Choose at least one review or record" in response.content.decode()
    assert 'value="Trust Board"' in response.content.decode()


def test_only_board_secretaries_and_admins_build_packs(cast, client_for):
    for user in (cast.author, cast.approver, cast.viewer):
        assert client_for(user).get(reverse("boardtool:pack_new")).status_code == 403
    for user in (cast.board_secretary, cast.organisation_admin):
        assert client_for(user).get(reverse("boardtool:pack_new")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_worker_builds_a_queued_pack(cast, packable):
    review, *_ = packable
    made = ask(cast, [key(review)])  # queued once the transaction commits
    assert Pack.objects.get(pk=made.pk).state == "queued"
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert Pack.objects.get(pk=made.pk).state == "done"


def test_a_build_whose_worker_died_can_be_started_again(cast, packable, client_for):
    import datetime

    from django.utils import timezone

    review, *_ = packable
    made = ask(cast, [key(review)])
    Pack.objects.filter(pk=made.pk).update(
        state="building", started_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    builder.build(made.pk)  # a building pack is some worker's: left alone
    assert Pack.objects.get(pk=made.pk).state == "building"
    client = client_for(cast.board_secretary)
    page = client.get(made.get_absolute_url()).content.decode()
    assert "The worker building it stopped before it finished" in page and "Try again" in page
    client.post(reverse("boardtool:pack_retry", args=[made.pk]))
    assert Pack.objects.get(pk=made.pk).state == "queued"
    builder.build(made.pk)
    assert Pack.objects.get(pk=made.pk).is_ready


def test_a_worker_stopped_mid_build_leaves_the_pack_failed(cast, packable, monkeypatch):
    review, *_ = packable
    made = ask(cast, [key(review)])

    def stopped(*args, **kwargs):
        raise SystemExit(1)

    monkeypatch.setattr(builder, "render_pdf", stopped)
    with pytest.raises(SystemExit):
        builder.build(made.pk)
    made.refresh_from_db()
    assert made.state == "failed" and "SystemExit" in made.error and not made.file
