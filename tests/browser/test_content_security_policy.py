"""Every kind of page works under the enforced Content-Security-Policy: the browser reports
no `securitypolicyviolation` (no inline script or style, nothing from elsewhere)."""

import pytest

from tests.browser.test_accessibility import demo_pages

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""

# What the page reported once it and its fonts have loaded and the tasks queued meanwhile
# (violation reports among them) have run: no half-second wait for a network that is idle.
REPORTED = """() => document.fonts.ready
  .then(() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0))))
  .then(() => window.__violations)"""


def test_no_page_breaks_the_policy(log_in, live_server, page):
    page.add_init_script(LISTEN)
    log_in("author")
    extra = ["/decisions/new/", "/login/"]
    found = {}
    for path in demo_pages() + extra:
        response = page.goto(live_server.url + path)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        violations = page.evaluate(REPORTED)
        if violations:
            found[path] = violations
    # A page with errors and the mobile menu's script at work.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/assessments/new/")
    page.get_by_role("button", name="Start assessment").click()
    page.wait_for_load_state()
    if violations := page.evaluate(REPORTED):
        found["a page with errors, on a phone"] = violations
    assert found == {}
