"""Tables behave on a phone (390 px) and a desktop (1280 px): the page is never wider than
the screen (a wide table scrolls inside it, its row headings kept in place), a stacked row's
labels are whole words, and a squeezed column never breaks a date inside a word."""

import pytest
from django.urls import reverse

from boardtool.models import Review
from eds.models import EdsReport

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

PAGE_WIDTH = "document.documentElement.scrollWidth"
# Words (in the elements `selector` finds) that the layout broke over two lines.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\u2013\\u2014-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def test_eds_pages_are_never_wider_than_a_phone(log_in, live_server):
    page = log_in("mse.author")
    page.set_viewport_size(PHONE)
    report = EdsReport.objects.get(year="2022/23")
    for name in ("eds:score_card", "eds:detail"):
        page.goto(live_server.url + reverse(name, args=[report.pk]))
        assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], name


def test_the_board_matrix_scrolls_with_its_row_headings_in_place(log_in, live_server):
    page = log_in("author")
    page.set_viewport_size(PHONE)
    review = Review.objects.order_by("pk").first()
    page.goto(live_server.url + reverse("boardtool:detail", args=[review.pk]))
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    heading = page.locator('#matrix th[scope="row"]').first
    before = heading.bounding_box()["x"]
    page.locator("#matrix").evaluate("(el) => { el.scrollLeft = 400; }")
    assert page.locator("#matrix").evaluate("(el) => el.scrollLeft") > 0
    assert abs(heading.bounding_box()["x"] - before) < 1


def test_stacked_labels_and_squeezed_dates_keep_their_words_whole(log_in, live_server):
    page = log_in("orgadmin")
    page.goto(live_server.url + reverse("action_list") + "?whose=all")
    page.set_viewport_size(PHONE)
    assert page.evaluate(BROKEN_WORDS, ".nhsuk-table-responsive__heading") == []
    page.set_viewport_size(DESKTOP)
    assert page.evaluate(BROKEN_WORDS, ".nhsuk-table-responsive td") == []
