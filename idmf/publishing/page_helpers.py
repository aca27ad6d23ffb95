"""A record's downloads (PDF, Word, JSON) and its place on the public register, as every
tool's record page shows them."""

from jinja2 import pass_context
from markupsafe import Markup

from idmf.publishing.downloads import links_for
from idmf.publishing.register import publishing_of


@pass_context
def downloads(context, record, pdf_url) -> Markup:
    """The record's downloads: its PDF (at `pdf_url`), Word document and JSON."""
    page = context.environment.get_template("publishing/downloads.html")
    return Markup(page.render({**context.get_all(), "pdf_url": pdf_url, **links_for(record)}))


@pass_context
def publishing(context, record) -> Markup:
    """Whether the record is on the public register, and the button to change it."""
    page = context.environment.get_template("publishing/publishing.html")
    found = publishing_of(context["request"].user, record)
    return Markup(page.render({**context.get_all(), "record": record, **found}))
