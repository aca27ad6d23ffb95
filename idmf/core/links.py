"""Addresses that take no arguments (a list, the dashboard), reversed once a process for each
prefix the site is served under and each URL configuration: `reverse()` costs tens of
microseconds, and a page such as the dashboard asks for dozens."""

from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse


def address(name: str) -> str:
    """`reverse(name)`, kept."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@cache
def _reversed(name: str, prefix: str, urlconf) -> str:
    return reverse(name)


def addresses(names: tuple[str, ...]) -> tuple[str, ...]:
    """Several at once, as one kept tuple (the navigation's, on every page)."""
    return _all_reversed(names, get_script_prefix(), get_urlconf())


@cache
def _all_reversed(names: tuple[str, ...], prefix: str, urlconf) -> tuple[str, ...]:
    return tuple(reverse(name) for name in names)
