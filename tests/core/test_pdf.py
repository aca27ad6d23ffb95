import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.template import engines
from django.urls import reverse

from idmf.core import typesetting as pdf_module
from idmf.core.models import Role
from idmf.core.pdf import pdf_filename
from idmf.core.typesetting import StaticOnlyURLFetcher, static_file_for
from tests.core.factories import ServiceFactory
from tests.pdf_text import pdf_outline_titles, pdf_text


def test_static_files_are_served():
    path = static_file_for("file:///static/pdf/print.css")
    assert path is not None and path.name == "print.css"
    assert path.is_relative_to(settings.BASE_DIR)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/tracker.png",
        "https://assets.nhs.uk/fonts/frutiger.woff2",
        "file:///etc/passwd",
        "file:///static/../../../../etc/passwd",
        "file:///static/..%2F..%2F..%2Fetc%2Fpasswd",
        "file:///static/does-not-exist.css",
        f"file://{settings.BASE_DIR}/manage.py",
        "file://evil.example.com/static/pdf/print.css",
        "data:text/plain;base64,SGVsbG8=",
        "ftp://example.com/file.txt",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    assert static_file_for(url) is None
    with pytest.raises(ValueError, match="Only our static files"):
        StaticOnlyURLFetcher().fetch(url)


def test_render_skips_refused_resources_and_still_renders(monkeypatch):
    fetched = []
    original = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    template = engines["django"].from_string(
        '{% load static %}<html><head><link rel="stylesheet" href="{% static "pdf/print.css" %}">'
        '<link rel="stylesheet" href="http://example.com/evil.css"></head><body>'
        "<h1>Hello board</h1>"
        '<img src="file:///etc/passwd"><img src="http://example.com/x.png">'
        '<img src="/static/../../etc/hostname"><img src="data:image/png;base64,AAAA">'
        "</body></html>"
    )
    monkeypatch.setattr(pdf_module, "render_to_string", lambda name, ctx: template.render(ctx))
    pdf = pdf_module.render_pdf("unused.html", {})
    assert pdf.startswith(b"%PDF")
    assert "Hello board" in pdf_text(pdf)
    # Every resource went through our fetcher, which served only the stylesheet.
    assert any("/static/pdf/print." in url for url in fetched)
    assert "file:///etc/passwd" in fetched
    assert b"root:x:0:0" not in pdf


def test_user_entered_markup_is_text_in_the_pdf(client_for, cast):
    ServiceFactory(organisation=cast.organisation, name='<img src="file:///etc/passwd">Clinic')
    response = client_for(cast.viewer).get(reverse("organisation_pdf", args=[cast.organisation.pk]))
    text = pdf_text(response.content)
    assert '<img src="file:///etc/passwd">Clinic' in text


def test_organisation_profile_pdf(client_for, cast):
    ServiceFactory(organisation=cast.organisation, name="Perinatal mental health (EPUT)")
    response = client_for(cast.viewer).get(reverse("organisation_pdf", args=[cast.organisation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="our-icb-profile-')
    text = pdf_text(response.content)
    assert "Our ICB" in text
    assert "Perinatal mental health (EPUT)" in text
    assert "Page 1 of 1" in text
    assert "Organisation profile" in text  # running header
    labels = dict(Role.choices)
    for role, user in cast.by_role().items():
        assert labels[role] in text
        assert user.get_full_name() in text
    assert {"Our ICB", "Services", "Members by role"} <= set(pdf_outline_titles(response.content))


def test_pdf_filename_is_safe_and_dated():
    import datetime

    name = pdf_filename("Our ICB / <Board>", "profile", on=datetime.date(2021, 5, 28))
    assert name == "our-icb-board-profile-2021-05-28.pdf"


def test_an_approved_assessment_pdf_is_rendered_once_and_kept(client_for, cast):
    from assessments.models import Assessment
    from idmf.core.models import StoredPdf
    from tests.assessments.factories import (
        approved_assessment,
    )

    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    url = reverse("assessments:pdf", args=[assessment.pk])
    first = client_for(cast.viewer).get(url)
    assert first.content.startswith(b"%PDF-") and StoredPdf.objects.count() == 1
    kept = StoredPdf.objects.get()
    kept.file.storage.delete(kept.file.name)
    kept.file.storage.save(kept.file.name, ContentFile(b"%PDF-kept"))
    assert client_for(cast.approver).get(url).content == b"%PDF-kept"  # read from the store
    assert Assessment.objects.get(pk=assessment.pk).status == "approved"


def test_a_kept_pdf_lost_from_the_file_store_is_made_again(client_for, cast):
    from idmf.core.models import StoredPdf
    from tests.assessments.factories import approved_assessment

    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    url = reverse("assessments:pdf", args=[assessment.pk])
    client_for(cast.viewer).get(url)
    lost = StoredPdf.objects.get()
    lost.file.storage.delete(lost.file.name)
    again = client_for(cast.viewer).get(url)
    assert again.status_code == 200 and again.content.startswith(b"%PDF-")
    kept = StoredPdf.objects.get()
    assert kept.file.storage.exists(kept.file.name)


def test_a_kept_pdf_is_made_again_when_an_action_it_shows_changes(client_for, cast):
    from idmf.core.models import StoredPdf
    from tests.assessments.factories import (
        approved_assessment,
    )
    from tests.core.factories import ActionFactory

    assessment = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    action = ActionFactory(organisation=cast.organisation, source=assessment)
    url = reverse("assessments:pdf", args=[assessment.pk])
    client = client_for(cast.viewer)
    client.get(url)
    action.status = "done"
    action.save()
    client.get(url)
    assert StoredPdf.objects.count() == 2
