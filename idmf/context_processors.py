from idmf.core.links import addresses

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

NAMES = tuple(name for _, name, _ in NAVIGATION)


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
            for (label, _, marks), href in zip(NAVIGATION, addresses(NAMES), strict=True)
        ]
    }
