"""The one public register: everything published by the four tools, per organisation and
per record, with no login; nothing unpublished, on a page or in the feed; taking a record
off removes it at once."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from eds import lifecycle as eds_lifecycle
from idmf.publishing import browse, counts, feed, register
from idmf.publishing import services as publishing
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.boardtool.factories import ReviewFactory
from tests.boardtool.factories import approved as approved_review
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, authorised, fully_graded
from tests.html import text_of

ATOM = "{http://www.w3.org/2005/Atom}"


def approved_ehiira(cast, title, organisation=None):
    made = AssessmentFactory(
        organisation=organisation or cast.organisation, created_by=cast.author, title=title
    )
    submitted(made, by=cast.author)
    return approved(made, by=cast.approver)


def published_of_each(cast):
    """One published record of each tool in our organisation, and one of each unpublished."""
    ehiira = approved_ehiira(cast, "Published parking policy")
    publishing.set_published(ehiira, published=True, by=cast.approver)
    approved_ehiira(cast, "Approved but private policy")
    AssessmentFactory(organisation=cast.organisation, title="Draft policy")

    decision = DecisionRecordFactory(
        organisation=cast.organisation, created_by=cast.author, title="Published clinic move"
    )
    complete_steps(decision, 1, 2, 3, 4, 5, 6)
    decision.published = True
    decision.save()
    hidden = DecisionRecordFactory(
        organisation=cast.organisation, created_by=cast.author, title="Unpublished clinic move"
    )
    complete_steps(hidden, 1, 2, 3, 4, 5, 6)

    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(report, by=cast.author)
    authorised(report, author=cast.author, approver=cast.approver)
    eds_lifecycle.publish_report(report=report, by=cast.approver)
    draft_report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)

    review = ReviewFactory(
        organisation=cast.organisation, created_by=cast.author, subject="Published plan review"
    )
    approved_review(review, author=cast.author, approver=cast.approver)
    publishing.set_published(review, published=True, by=cast.organisation_admin)
    private_review = ReviewFactory(
        organisation=cast.organisation, created_by=cast.author, subject="Private plan review"
    )
    approved_review(private_review, author=cast.author, approver=cast.approver)
    return {
        "ehiira": ehiira,
        "decision": decision,
        "report": report,
        "review": review,
        "draft_report": draft_report,
    }


def test_the_register_lists_what_is_published_and_nothing_else(client, cast):
    records = published_of_each(cast)
    page = client.get(reverse("register")).content.decode()
    for shown in ["Published parking policy", "Published clinic move", "Published plan review"]:
        assert shown in page, shown
    assert reverse("eds:public_report", args=[records["report"].pk]) in page
    for hidden in ["Approved but private", "Draft policy", "Unpublished clinic", "Private plan"]:
        assert hidden not in page, hidden
    assert "1 EHIIRA, " in page or "1 EHIIRA<" in page

    url = reverse("register_organisation", args=[cast.organisation.pk])
    text = client.get(url, {"kind": "assessments.assessment"}).content.decode()
    assert "Published parking policy" in text and "Approved but private" not in text
    assert "EHIIRAs (1)" in text and "Board assurance reviews (1)" in text
    text = client.get(url, {"kind": "boardtool.review"}).content.decode()
    assert "Published plan review" in text and "Private plan review" not in text


def test_a_record_page_and_its_pdf_need_no_login(client, cast):
    records = published_of_each(cast)
    ehiira = records["ehiira"]
    page = client.get(reverse("register_record", args=["assessments.assessment", ehiira.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Published parking policy" in text and "Overall outcome" in text
    pdf = client.get(reverse("register_pdf", args=["assessments.assessment", ehiira.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # A tool with its own public page: the register sends the reader there.
    report = records["report"]
    response = client.get(reverse("register_record", args=["eds.edsreport", report.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("eds:public_report", args=[report.pk])


@pytest.mark.parametrize("name", ["register_record", "register_pdf"])
def test_nothing_unpublished_is_found(client, cast, name):
    records = published_of_each(cast)
    private = approved_ehiira(cast, "Another private one")
    for kind, pk in [
        ("assessments.assessment", private.pk),
        ("eds.edsreport", records["draft_report"].pk),
        ("core.membership", 1),
        ("nonsense", 1),
    ]:
        assert client.get(reverse(name, args=[kind, pk])).status_code == 404, kind


def test_taking_a_record_off_removes_it_at_once(client, cast):
    records = published_of_each(cast)
    url = reverse("register_record", args=["boardtool.review", records["review"].pk])
    first = client.get(url)
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    publishing.set_published(records["review"], published=False, by=cast.approver)
    assert client.get(url).status_code == 404
    assert "Published plan review" not in client.get(reverse("register")).content.decode()
    assert "Published plan review" not in client.get(reverse("register_feed")).content.decode()


def test_the_feed_holds_newly_published_records_only(client, cast):
    records = published_of_each(cast)
    response = client.get(reverse("register_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert len(titles) == 4
    assert "EHIIRA: Published parking policy – Our ICB" in titles
    assert not any("private" in title.lower() or "Draft" in title for title in titles)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert f"http://testserver{reverse('public_record', args=[records['decision'].pk])}" in links


def test_approvers_and_admins_publish_by_choice_others_may_not(client_for, cast):
    ehiira = approved_ehiira(cast, "Choice policy")
    url = reverse("record_publish", args=["assessments.assessment", ehiira.pk])
    detail = client_for(cast.approver).get(ehiira.get_absolute_url()).content.decode()
    assert "Publish it on the public register" in detail
    assert client_for(cast.author).post(url, {"publish": "yes"}).status_code == 403
    assert client_for(cast.outsider).post(url, {"publish": "yes"}).status_code == 404
    response = client_for(cast.organisation_admin).post(url, {"publish": "yes"}, follow=True)
    assert "Published on the public register" in response.content.decode()
    ehiira.refresh_from_db()
    assert ehiira.published_at is not None
    entry = ehiira.history.first()
    assert entry.history_user == cast.organisation_admin
    assert entry.history_change_reason == "Published on the public register"
    # A draft cannot be published.
    draft = AssessmentFactory(organisation=cast.organisation)
    draft_url = reverse("record_publish", args=["assessments.assessment", draft.pk])
    assert client_for(cast.approver).post(draft_url, {"publish": "yes"}).status_code == 403


def test_the_register_makes_as_many_queries_for_many_records_as_for_few(client, cast, queries_for):
    published_of_each(cast)
    few = queries_for(client, reverse("register"))
    for n in range(5):
        ehiira = approved_ehiira(cast, f"More policy {n}")
        publishing.set_published(ehiira, published=True, by=cast.approver)
    assert queries_for(client, reverse("register")) == few


def test_the_register_is_browsed_by_system_then_organisation(client, cast):
    published_of_each(cast)
    elsewhere = DecisionRecordFactory(
        organisation=cast.other, created_by=cast.outsider, title="Elsewhere clinic move"
    )
    complete_steps(elsewhere, 1, 2, 3, 4, 5, 6)
    elsewhere.published = True
    elsewhere.save()
    system, other_system = cast.organisation.system, cast.other.system
    page = text_of(client.get(reverse("register")))
    # The front page lists systems (and the newest records), never every organisation.
    systems_part = page.split("Newly published")[0]
    for shown in (system, other_system):
        assert f'href="{reverse("register_system", args=[shown.pk])}">{shown.name}<' in page
    assert reverse("register_organisation", args=[cast.organisation.pk]) not in systems_part
    ours = text_of(client.get(reverse("register_system", args=[system.pk])))
    assert "1 organisation of this system has published records" in ours
    assert cast.organisation.name in ours and cast.other.name not in ours
    theirs = text_of(client.get(reverse("register_system", args=[other_system.pk])))
    assert cast.other.name in theirs and "1 Decision record" in theirs
    organisation = text_of(client.get(reverse("register_organisation", args=[cast.other.pk])))
    assert "Elsewhere clinic move" in organisation
    assert f'href="{reverse("register_system", args=[other_system.pk])}"' in organisation


def test_a_search_finds_organisations_by_part_of_their_name(client, cast):
    published_of_each(cast)
    found = text_of(client.get(reverse("register"), {"q": cast.organisation.name[1:5].lower()}))
    assert f"Organisations matching “{cast.organisation.name[1:5].lower()}”" in found
    assert reverse("register_organisation", args=[cast.organisation.pk]) in found
    none = text_of(client.get(reverse("register"), {"q": "No such trust"}))
    assert "0 organisations that have published records" in none
    assert "No organisation whose name holds “No such trust” has published a record" in none
    # A search is cut to 100 characters, and markup typed is shown as text.
    typed = text_of(client.get(reverse("register"), {"q": "<b>x</b>" * 30}))
    assert "&lt;b&gt;x&lt;/b&gt;" in typed and "<b>x</b>" not in typed


def test_an_organisations_records_come_a_kind_and_a_page_at_a_time(client, cast, monkeypatch):
    monkeypatch.setattr(browse, "RECORDS_A_PAGE", 2)
    for n in range(5):
        ehiira = approved_ehiira(cast, f"Paged policy {n}")
        publishing.set_published(ehiira, published=True, by=cast.approver)
    url = reverse("register_organisation", args=[cast.organisation.pk])
    first = text_of(client.get(url, {"kind": "assessments.assessment"}))
    assert "5 EHIIRAs published, newest first" in first
    assert "Paged policy 4" in first and "Paged policy 3" in first
    assert "Paged policy 2" not in first and "Page 2 of 3" in first
    last = text_of(client.get(url, {"kind": "assessments.assessment", "page": 3}))
    assert "Paged policy 0" in last and "Paged policy 4" not in last
    assert client.get(url, {"kind": "nonsense"}).status_code == 404


def test_the_feed_comes_a_page_at_a_time(client, cast, monkeypatch):
    monkeypatch.setattr(feed, "LATEST", 2)
    monkeypatch.setattr(register, "LATEST", 2)
    published_of_each(cast)
    first = ET.fromstring(client.get(reverse("register_feed")).content)
    assert len(list(first.iter(f"{ATOM}entry"))) == 2
    links = {link.get("rel"): link.get("href") for link in first.findall(f"{ATOM}link")}
    assert links["next"].endswith("?page=2") and "previous" not in links
    second = ET.fromstring(client.get(reverse("register_feed"), {"page": 2}).content)
    assert len(list(second.iter(f"{ATOM}entry"))) == 2
    links = {link.get("rel"): link.get("href") for link in second.findall(f"{ATOM}link")}
    assert "next" not in links and links["previous"].endswith("?page=1")
    for junk in ["3", "0", "x", "51"]:
        assert client.get(reverse("register_feed"), {"page": junk}).status_code == 404, junk


def counted() -> dict:
    return {
        (row.organisation_id, row.kind): row.count for row in counts.PublishedCount.objects.all()
    }


def independently() -> dict:
    found = {}
    for kind in counts.public_kinds():
        for record in kind.published():
            key = (record.organisation_id, kind.key)
            found[key] = found.get(key, 0) + 1
    return found


def test_the_registers_counts_follow_every_publication_and_withdrawal(cast):
    records = published_of_each(cast)
    assert counted() == independently() and len(counted()) == 4
    publishing.set_published(records["review"], published=False, by=cast.approver)
    assert counted() == independently()
    assert (cast.organisation.pk, "boardtool.review") not in counted()
    kept = counted()
    assert counts.recount_all() == 3 and counted() == kept  # counted anew: the same
