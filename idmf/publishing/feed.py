"""The register's Atom feed of newly published records, newest first, a page at a time
(RFC 5005 paging: each page links to the next and previous)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from idmf.core.text import printable
from idmf.core.views import public_page
from idmf.publishing.register import LATEST, Entry, latest

# Older records than the feed's last page are on the register's pages.
PAGES = 50


class PagedAtom(Atom1Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for rel in ("next", "previous"):
            if self.feed.get(rel):
                handler.addQuickElement("link", "", {"rel": rel, "href": self.feed[rel]})


class RegisterFeed(Feed):
    """Newly published records, newest first, as Atom."""

    feed_type = PagedAtom
    title = "Inclusive decisions: newly published records"
    subtitle = (
        "Decision records, EHIIRAs, EDS reports and board assurance reviews that health and "
        "care organisations have published."
    )

    def get_object(self, request):
        try:
            number = int(request.GET.get("page", "1"))
        except ValueError:
            raise Http404("Not a page of the feed") from None
        if not 1 <= number <= PAGES:
            raise Http404("Not a page of the feed")
        entries = latest(limit=LATEST * number + 1)  # one more: is there a next page?
        shown = entries[LATEST * (number - 1) : LATEST * number]
        if number > 1 and not shown:
            raise Http404("Not a page of the feed")
        return {
            "number": number,
            "entries": shown,
            "more": len(entries) > LATEST * number and number < PAGES,
            "url": request.build_absolute_uri(reverse("register_feed")),
        }

    def link(self):
        return reverse("register")

    def feed_extra_kwargs(self, page):
        here = page["url"]
        return {
            "next": f"{here}?page={page['number'] + 1}" if page["more"] else "",
            "previous": f"{here}?page={page['number'] - 1}" if page["number"] > 1 else "",
        }

    def items(self, page):
        return page["entries"]

    # Titles stored before control characters were refused still make a valid feed.
    def item_title(self, entry: Entry):
        title = f"{entry.kind.noun}: {entry.title} – {entry.record.organisation.name}"
        return printable(title, multiline=False)

    def item_description(self, entry: Entry):
        return printable(f"Published by {entry.record.organisation.name}.", multiline=False)

    def item_link(self, entry: Entry):
        return entry.url

    def item_guid(self, entry: Entry):
        return f"{entry.kind.key}:{entry.record.pk}"

    def item_updateddate(self, entry: Entry):
        return entry.published_at

    def item_pubdate(self, entry: Entry):
        return entry.published_at


register_feed = public_page(RegisterFeed())
