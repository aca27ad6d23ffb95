"""Addresses reversed once a process (`idmf.core.links`) are the addresses `reverse()` gives."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.base import set_script_prefix
from django.urls.converters import IntConverter, SlugConverter, StringConverter

from idmf.core.links import address_for

EXAMPLES = {IntConverter: [0, 7, 123456789], StringConverter: ["assessments.assessment"]}
EXAMPLES[SlugConverter] = ["people-responsible"]


def named_routes(patterns=None, namespace="", converters=()):
    """(name, [converter types in order]) of every named address of the project."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        found = [type(c) for c in getattr(entry.pattern, "converters", {}).values()]
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_routes(entry.url_patterns, inner, (*converters, *found))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", [*converters, *found]


def test_every_address_with_ids_is_the_one_reverse_gives():
    checked = 0
    for name, converters in named_routes():
        if not converters or not all(c in EXAMPLES for c in converters):
            continue
        for n in range(3):
            args = [EXAMPLES[c][n % len(EXAMPLES[c])] for c in converters]
            assert address_for(name, *args) == reverse(name, args=args), name
        checked += 1
    assert checked > 60  # the records' pages, steps, sections, the register's pages…


def test_an_address_without_ids_and_one_under_a_prefix():
    assert address_for("register") == reverse("register")
    set_script_prefix("/trust/")
    try:
        assert address_for("register_system", 5) == "/trust/register/systems/5/"
    finally:
        set_script_prefix("/")
    assert address_for("register_system", 5) == "/register/systems/5/"


@pytest.mark.parametrize("args", [(-1,), (True,), ("not a number",)])
def test_what_is_no_id_is_refused_as_reverse_refuses_it(args):
    with pytest.raises(NoReverseMatch):
        reverse("register_system", args=args)
    with pytest.raises(NoReverseMatch):
        address_for("register_system", *args)
