"""The header and footer every page has, from NHS.UK frontend's macros (templates/
page_header.html and page_footer.html): rendered once for each person's name and place in
the navigation (and each kind of visitor) and kept, for the header's macro alone costs about
5 ms, more than most pages. Project-level: the footer links to every tool's public pages."""

from functools import lru_cache

from jinja2 import pass_context
from markupsafe import Markup

# Where the page's own CSRF field goes in a kept header (each page has its own token).
CSRF_SLOT = "\x00csrf\x00"


@lru_cache(maxsize=512)
def _header_html(env, signed_in: bool, name: str, navigation: tuple) -> str:
    return env.get_template("page_header.html").render(
        csrf_slot=Markup(CSRF_SLOT),
        signed_in=signed_in,
        name=name,
        navigation=[dict(item) for item in navigation] or None,
    )


@lru_cache(maxsize=4)
def _footer_html(env, signed_in: bool, staff: bool) -> str:
    return env.get_template("page_footer.html").render(signed_in=signed_in, staff=staff)


@pass_context
def page_header(context) -> Markup:
    """The header for this person, on this page of the navigation: rendered by NHS.UK
    frontend's macro once for each name and place, then kept."""
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    name = (user.get_full_name() or user.get_username()) if signed_in else ""
    navigation = tuple(tuple(item.items()) for item in (context.get("navigation") or ()))
    html = _header_html(context.environment, signed_in, name, navigation)
    return Markup(html.replace(CSRF_SLOT, str(context.get("csrf_input", ""))))


@pass_context
def page_footer(context) -> Markup:
    """The footer, rendered once for each kind of visitor (signed in or not, site staff or
    not) and kept."""
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    staff = bool(signed_in and user.is_staff)
    return Markup(_footer_html(context.environment, signed_in, staff))
