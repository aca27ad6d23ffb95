"""Every URL name of the site, as the sweeps over all pages walk them."""

from django.urls import get_resolver


def url_names(resolver=None, namespace=""):
    """Each URL pattern's name, with its namespace ("eds:detail"), but Django's own admin's
    (for staff: it has its own permissions)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        else:
            yield f"{namespace}{pattern.name}"
