"""What the tests of each tool's JSON export share."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext


def round_trip(data):
    """`data` as a reader of the JSON file gets it back."""
    return json.loads(json.dumps(data))


def export_queries(export, record, queryset=None) -> tuple[int, dict]:
    """How many database queries `export` makes of `record`, fetched again from `queryset`
    (by default its own row alone, without its parts), and what it gives: as the site is
    after a first export (what it keeps a while, such as reference data, is kept)."""
    rows = type(record).objects if queryset is None else queryset
    export(rows.get(pk=record.pk))
    fetched = rows.get(pk=record.pk)
    with CaptureQueriesContext(connection) as context:
        data = export(fetched)
    return len(context.captured_queries), data
