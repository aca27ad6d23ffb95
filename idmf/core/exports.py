"""Lists as CSV: the rows a list page's filters chose, every one of them (not only the page
shown), with each cell a spreadsheet will read as plain text."""

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.http import StreamingHttpResponse
from django.utils.text import slugify

# A cell starting with one of these is a formula to a spreadsheet (CSV injection), after
# any spaces; the full-width forms too, which some spreadsheets read as the plain ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
CHUNK = 500  # rows fetched (and prepared) at a time


def neutralise(value) -> str:
    """The cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class CsvExport:
    """A list's columns: each a heading and the value of a row. `prepare(rows)` fetches what
    the columns need for a chunk of rows at once (the records that raised actions), given to
    each column as its second argument."""

    name: str  # the file's name: "actions"
    columns: list[tuple[str, Callable]]
    prepare: Callable[[list], dict] | None = None


class _Echo:
    def write(self, value):
        return value


def link(row, extra) -> str:
    """A column: the row's page, as a full web address."""
    return extra["link"](row.get_absolute_url())


LINK = ("Link", link)


def when(value) -> str:
    """A date or time as ISO 8601, which every spreadsheet and program reads."""
    return value.isoformat() if value else ""


def _lines(export: CsvExport, queryset, absolute) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([heading for heading, _ in export.columns])
    # One query read in chunks (not pages by offset, which skip or repeat a row that moves
    # while the file is written); what the columns need is fetched a chunk at a time.
    found = queryset.iterator(chunk_size=CHUNK)
    while rows := list(islice(found, CHUNK)):
        extra = {"link": absolute, **(export.prepare(rows) if export.prepare else {})}
        for row in rows:
            yield writer.writerow([neutralise(value(row, extra)) for _, value in export.columns])


def csv_response(request, export: CsvExport, queryset) -> StreamingHttpResponse:
    """Every row of the ordered `queryset`, streamed, in chunks of bounded queries."""
    lines = _lines(export, queryset, request.build_absolute_uri)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    filename = f"{slugify(export.name)}-{date.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
