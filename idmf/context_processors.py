from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse

# (label, url name, the URL namespaces or names that mark it current)
NAVIGATION = [
    ("Decisions", "decisions:index", {"decisions"}),
    ("Assessments", "assessments:index", {"assessments"}),
    ("EDS", "eds:index", {"eds"}),
    ("Board assurance", "boardtool:index", {"boardtool"}),
    ("Actions", "action_list", {"action_list", "action_detail", "action_history"}),
    ("Evidence", "evidence:list", {"evidence"}),
    ("Dashboard", "dashboard", {"dashboard"}),
]


@cache
def _links(prefix: str, urlconf) -> tuple:
    """The navigation's addresses, reversed once a process (for each prefix the site is
    served under), not on every page."""
    return tuple((label, reverse(name), marks) for label, name, marks in NAVIGATION)


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    match = request.resolver_match
    current = set()
    if match:
        current = {match.namespace, match.url_name}
    return {
        "navigation": [
            {"text": label, "href": href, "current": bool(marks & current)}
            for label, href, marks in _links(get_script_prefix(), get_urlconf())
        ]
    }
