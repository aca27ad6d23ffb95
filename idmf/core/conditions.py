"""Whether a row already read meets a condition, without asking the database again: a `Q` of
plain comparisons of the row's own columns (a record kind's "final" and "on the register"),
decided in Python as the database would decide it. Anything else (a join, an expression, a
lookup not listed here, a column not read) raises `CannotTell`, and the caller asks the
database."""

import operator

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q


class CannotTell(Exception):
    """The condition is not one this module decides."""


def _ordered(compare):
    # In SQL a comparison with NULL is never true.
    return lambda found, wanted: found is not None and compare(found, wanted)


LOOKUPS = {
    "exact": lambda found, wanted: found is None if wanted is None else found == wanted,
    "in": lambda found, wanted: found is not None and found in wanted,
    "isnull": lambda found, wanted: (found is None) == bool(wanted),
    "lt": _ordered(operator.lt),
    "lte": _ordered(operator.le),
    "gt": _ordered(operator.gt),
    "gte": _ordered(operator.ge),
}


def meets(record: Model, condition: Q) -> bool:
    """Whether `record` (as read) is among `type(record).objects.filter(condition)`."""
    results = [_meets(record, child) for child in condition.children]
    found = all(results) if condition.connector == Q.AND else any(results)
    return found != condition.negated


def _meets(record: Model, child) -> bool:
    if isinstance(child, Q):
        return meets(record, child)
    path, wanted = child
    name, _, lookup = path.partition("__")
    lookup = lookup or "exact"
    if lookup not in LOOKUPS or hasattr(wanted, "resolve_expression"):
        raise CannotTell(path)
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        raise CannotTell(path) from None
    if field.is_relation or not field.concrete or field.attname in record.get_deferred_fields():
        raise CannotTell(path)
    return LOOKUPS[lookup](getattr(record, field.attname), wanted)
