"""The Python helpers pages call (idmf/core/page_helpers.py, idmf/templating.py): each
escapes what it is given; the kept header shows each person their own name and carries the
page's own CSRF field."""

import re
from types import SimpleNamespace

import pytest
from django import forms
from django.template import engines
from django.test import Client
from django.urls import reverse

from idmf.core import page_helpers
from idmf.core.status import Tag

MARKUP = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_a_status_tag_escapes_its_words():
    for colour in ["", "secondary", "green"]:
        html = str(page_helpers.status_tag(SimpleNamespace(tag=Tag(MARKUP, colour))))
        assert MARKUP not in html and "&lt;script&gt;" in html, colour


def test_a_table_head_escapes_its_caption_and_headings():
    html = str(page_helpers.table_head(MARKUP, MARKUP, "Plain"))
    assert MARKUP not in html and html.count("&lt;script&gt;") == 2
    assert '<th role="columnheader" scope="col">Plain</th>' in html


def test_an_error_summary_escapes_what_it_lists():
    class Named(forms.Form):
        name = forms.CharField()

    form = Named({"name": ""})
    form.add_error(None, MARKUP)
    html = render(
        "{{ error_summary(form) }}{{ error_list(problems) }}", form=form, problems=[MARKUP]
    )
    assert MARKUP not in html and ESCAPED in html
    assert 'href="#id_name"' in html and "There is a problem" in html
    assert render("{{ error_list([]) }}") == ""


@pytest.mark.django_db
def test_the_row_in_words_and_cached_fragments_escape(cast):
    html = render(
        '{% call cached(60, "test", key) %}{{ words }}{% endcall %}', key="k", words=MARKUP
    )
    assert html == ESCAPED
    # Kept: the second render with other words shows what was kept for the key.
    again = render(
        '{% call cached(60, "test", key) %}{{ words }}{% endcall %}', key="k", words="other"
    )
    assert again == ESCAPED


@pytest.mark.django_db
def test_the_header_shows_each_person_their_name_and_the_pages_own_csrf_field(cast):
    cast.author.first_name, cast.author.last_name = "Ada", MARKUP
    cast.author.save()
    for user, name in [(cast.author, f"Ada {ESCAPED}"), (cast.approver, None)]:
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        page = client.get(reverse("assessments:index")).content.decode()
        shown = re.search(r'data-testid="signed-in-user">([^<]*)<', page).group(1)
        assert shown == (name or user.get_full_name() or user.get_username())
        token = re.search(
            r'class="nhsuk-header__account-form"[^>]*>.*?name="csrfmiddlewaretoken" '
            r'value="([^"]+)"',
            page,
            re.S,
        ).group(1)
        # The header's own Log out form works: its token is this person's.
        response = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert client.get(reverse("assessments:index")).status_code == 302  # logged out
