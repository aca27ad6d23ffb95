"""Hostile text: control characters never reach the database through a form, and what is
already stored never breaks the feed or an e-mail's subject."""

import xml.etree.ElementTree as ET

from django.core import mail
from django.urls import reverse

from assessments.models import Assessment
from idmf.core.text import printable
from idmf.notices import delivery, outbox
from idmf.notices.models import NoticeKind
from idmf.publishing import services as publishing
from tests.assessments.factories import AssessmentFactory, approved, submitted

HOSTILE = "Bus\x0bstop\x1b[31m policy\x07"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_printable_keeps_tabs_and_line_breaks_only_in_long_text():
    assert printable(HOSTILE, multiline=False) == "Busstop[31m policy"
    assert printable("One\ttwo\r\nthree\x00", multiline=True) == "One\ttwo\r\nthree"
    assert printable("One\ttwo\r\nthree", multiline=False) == "One two three"
    assert printable("\x85\x9f\x7fé – ✓") == "é – ✓"
    assert printable(None) is None


def test_a_form_stores_typed_text_without_control_characters(client_for, cast):
    client_for(cast.author).post(
        reverse("assessments:new"),
        {"organisation": cast.organisation.pk, "title": HOSTILE, "service_area": ""},
    )
    assert Assessment.objects.get().title == "Busstop[31m policy"


def test_the_feed_and_e_mails_survive_control_characters_already_stored(client, cast, settings):
    made = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    Assessment.objects.filter(pk=made.pk).update(title=HOSTILE)  # stored before the fix
    made.refresh_from_db()
    submitted(made, by=cast.author)
    approved(made, by=cast.approver)
    publishing.set_published(made, published=True, by=cast.approver)

    response = client.get(reverse("register_feed"))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["EHIIRA: Busstop[31m policy – Our ICB"]

    cast.approver.email = "approver@nhs.net"
    cast.approver.save()
    mail.outbox.clear()
    outbox.notify(
        NoticeKind.SUBMITTED,
        users=[cast.approver],
        organisation=cast.organisation,
        key="hostile",
        subject=f"For your approval: EHIIRA – {HOSTILE}",
        body=f"Title:\x1b {HOSTILE}\nThanks",
    )
    delivery.deliver_pending()
    (message,) = [sent for sent in mail.outbox if "policy" in sent.body and "Thanks" in sent.body]
    assert message.subject == "For your approval: EHIIRA – Busstop[31m policy"
    assert message.body == "Title: Busstop[31m policy\nThanks"
