"""A record's downloads (PDF, Word, JSON) and its place on the public register, as tags
every tool's record page uses: `{% load publishing %}`."""

from django import template

from idmf.publishing.downloads import links_for
from idmf.publishing.register import publishing_of

register = template.Library()


@register.inclusion_tag("publishing/downloads.html")
def downloads(record, pdf_url):
    """The record's downloads: its PDF (at `pdf_url`), Word document and JSON."""
    return {"pdf_url": pdf_url, **links_for(record)}


@register.inclusion_tag("publishing/publishing.html", takes_context=True)
def publishing(context, record):
    """Whether the record is on the public register, and the button to change it."""
    return publishing_of(context["request"].user, record)
