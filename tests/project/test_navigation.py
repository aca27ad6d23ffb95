"""The header's navigation: every tool's address, with the one a page belongs to marked as
where the person is. The addresses are worked out once a process for each prefix the site is
served under (idmf/context_processors.py); the mark, on every page."""

import re

from django.urls import reverse, set_script_prefix

LINK = re.compile(r'<a class="nhsuk-header__navigation-link" href="([^"]+)"( aria-current="page")?')


def navigation_on(client, url: str) -> dict[str, bool]:
    """Each navigation link's address, and whether it is marked as the current page."""
    page = client.get(url).content.decode()
    return {href: bool(current) for href, current in LINK.findall(page)}


def test_every_tool_is_linked_and_the_pages_own_is_marked(client_for, cast):
    client = client_for(cast.author)
    on_assessments = navigation_on(client, reverse("assessments:index"))
    assert list(on_assessments) == [
        "/decisions/",
        "/assessments/",
        "/eds/",
        "/board/",
        "/actions/",
        "/evidence/",
        "/dashboard/",
    ]
    assert [href for href, current in on_assessments.items() if current] == ["/assessments/"]
    on_dashboard = navigation_on(client, reverse("dashboard"))
    assert [href for href, current in on_dashboard.items() if current] == ["/dashboard/"]
    assert [href for href, current in navigation_on(client, "/").items() if current] == []


def test_a_site_served_under_a_prefix_links_under_it(client_for, cast):
    client = client_for(cast.author)
    assert "/assessments/" in navigation_on(client, reverse("home"))  # kept without one
    # What a WSGI server's SCRIPT_NAME sets (the test client does not set it itself).
    set_script_prefix("/equality/")
    try:
        prefixed = navigation_on(client, "/")
    finally:
        set_script_prefix("/")
    assert len(prefixed) == 7 and all(href.startswith("/equality/") for href in prefixed)
    assert "/assessments/" in navigation_on(client, reverse("home"))


def test_nobody_signed_in_sees_no_navigation(client):
    assert navigation_on(client, reverse("login")) == {}
