"""Addresses reversed once a process for each prefix the site is served under and each URL
configuration: those that take no arguments (a list, the dashboard), and the shape of those
that take ids (a record's page): `reverse()` costs tens of microseconds, and a page such as
the dashboard or the register asks for dozens."""

from functools import cache, lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


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


# Stand-ins for whole numbers while an address is reversed once: digits no address holds.
_STAND_IN = 918_273_645_000


def address_for(name: str, *args) -> str:
    """`reverse(name, args=args)`. Where the arguments are ids (whole numbers, 0 or more) and
    short words (a kind's key), the address is reversed once a process for each name and
    words, with stand-ins for the ids, and each id is put in the place of its stand-in: the
    register's pages name a hundred records each."""
    if not args:
        return address(name)
    if not all((type(arg) is int and arg >= 0) or type(arg) is str for arg in args):
        return reverse(name, args=args)
    words = tuple(None if type(arg) is int else arg for arg in args)
    pieces = _pieces(name, words, get_script_prefix(), get_urlconf())
    if pieces is None:
        return reverse(name, args=args)
    ids = iter(str(arg) for arg in args if type(arg) is int)
    return "".join(piece if n % 2 == 0 else next(ids) for n, piece in enumerate(pieces))


@lru_cache(maxsize=1024)
def _pieces(name: str, words: tuple, prefix: str, urlconf) -> tuple[str, ...] | None:
    """The address of `name` cut at each id's stand-in: text, id, text, id, …, text (the
    ids' places hold their stand-ins). None where the stand-ins do not fit the address."""
    stand_ins = [str(_STAND_IN + n) for n in range(len(words))]
    try:
        address = reverse(
            name,
            args=[word if word is not None else int(stand_ins[n]) for n, word in enumerate(words)],
        )
    except NoReverseMatch:
        return None
    pieces, rest = [], address
    for n, word in enumerate(words):
        if word is not None:
            continue
        before, found, rest = rest.partition(stand_ins[n])
        if not found or stand_ins[n] in rest:
            return None
        pieces += [before, stand_ins[n]]
    return (*pieces, rest)
