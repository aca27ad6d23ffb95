"""Reading a table's figures from a CSV file, as analysts have them: UTF-8 (with or without
the byte-order mark Excel adds) or Windows-1252. Every error is named by row and column, and
nothing is saved unless the whole file is valid. Aggregate figures only: a file too long to
be a table of groups, or with a column that looks like patient-level data, is refused whole."""

import csv
import io
import re
from dataclasses import dataclass, field

from idmf.evidence.models import NOT_KNOWN, EvidenceTable

MAX_BYTES = 1_000_000
MAX_ROWS = 1_000
COLUMNS = {
    EvidenceTable.Kind.PROPORTION: ["group", "numerator", "denominator"],
    EvidenceTable.Kind.RATE: ["group", "count", "population"],
    EvidenceTable.Kind.VALUE: ["group", "value", "standard error", "lower", "upper", "population"],
}
# Where each column goes in a row's figures.
FIELDS = {
    "numerator": "numerator",
    "count": "numerator",
    "denominator": "denominator",
    "population": "denominator",
    "value": "value",
    "standard error": "se",
    "lower": "lower",
    "upper": "upper",
}
WHOLE = {"numerator", "denominator"}
IDENTIFIER_HEADERS = re.compile(
    r"nhs.?(number|no)|date.?of.?birth|\bdob\b|post.?code|patient|forename|surname|address",
    re.IGNORECASE,
)
NHS_NUMBER = re.compile(r"^\d{3}\s?\d{3}\s?\d{4}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)


class Refused(ValueError):
    """The whole file is refused, for the reason given; nothing of it is kept."""


@dataclass
class Upload:
    figures: dict = field(default_factory=dict)  # group → {field: number or None}
    errors: list[str] = field(default_factory=list)
    lines: list[list[str]] = field(default_factory=list)  # as read, to show back


def template_csv(table) -> str:
    """A file to fill in: the table's columns, and a row for each of its groups."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS[table.kind])
    for row in table.rows.all():
        writer.writerow([row.group] + [""] * (len(COLUMNS[table.kind]) - 1))
    return out.getvalue()


def decoded(uploaded) -> str:
    """The file's text. Its size is checked before a byte is read."""
    if uploaded.size > MAX_BYTES:
        raise Refused(
            f"The file is {uploaded.size / 1_000_000:.1f} MB; a table of figures for groups "
            f"is far smaller, and files over {MAX_BYTES // 1_000_000} MB are not read."
        )
    raw = uploaded.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused("The file is not text saved as CSV (UTF-8 or Windows).")


def _refuse_patient_level(header: list[str], lines: list[list[str]]) -> None:
    if len(lines) > MAX_ROWS:
        raise Refused(
            f"The file has {len(lines):,} rows. This tool holds aggregate figures only, one "
            f"row for each group, never patient-level data: files over {MAX_ROWS:,} rows are "
            "refused and nothing of them is kept."
        )
    for name in header:
        if IDENTIFIER_HEADERS.search(name):
            raise Refused(
                f"The column “{name}” looks like patient-level data. This tool holds "
                "aggregate figures only: the file is refused and nothing of it is kept."
            )
    for line in lines:
        for cell in line:
            if NHS_NUMBER.match(cell.strip()) or POSTCODE.match(cell.strip()):
                raise Refused(
                    "A cell looks like an NHS number or a postcode. This tool holds aggregate "
                    "figures only: the file is refused and nothing of it is kept."
                )


def _number(text: str, column: str):
    cleaned = text.strip().replace(",", "")
    if cleaned == "":
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a number") from None
    if column in WHOLE and number != int(number):
        raise ValueError(f"“{text.strip()}” is not a whole number")
    if column in WHOLE and number < 0:
        raise ValueError(f"“{text.strip()}” is negative; counts cannot be")
    return int(number) if column in WHOLE else number


def read(uploaded, table) -> Upload:
    """The figures of `uploaded` for `table`'s groups, or the errors that stop them."""
    text = decoded(uploaded)
    lines = [line for line in csv.reader(io.StringIO(text)) if any(c.strip() for c in line)]
    if not lines:
        raise Refused("The file is empty.")
    header = [name.strip().lower() for name in lines[0]]
    _refuse_patient_level(header, lines[1:])
    upload = Upload(lines=lines)
    expected = COLUMNS[table.kind]
    missing = [name for name in expected if name not in header]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        upload.errors.append(f"Row 1: the columns {names} are missing (the template has them).")
        return upload
    groups = {row.group.lower(): row.group for row in table.rows.all()}
    for number, line in enumerate(lines[1:], 2):
        _read_line(upload, dict(zip(header, line, strict=False)), number, groups, table)
    for name in groups.values():
        if name not in upload.figures and name != NOT_KNOWN:
            upload.errors.append(f"There is no row for the group “{name}”.")
    for name in groups.values():
        upload.figures.setdefault(name, {})
    return upload


def _read_line(upload, cells, number, groups, table) -> None:
    given = cells.get("group", "").strip()
    name = groups.get(given.lower())
    if name is None:
        upload.errors.append(
            f"Row {number}, column “group”: “{given}” is not a group of this table."
        )
        return
    if name in upload.figures:
        upload.errors.append(f"Row {number}, column “group”: “{given}” is given twice.")
        return
    figures = {}
    for column in COLUMNS[table.kind][1:]:
        try:
            figures[FIELDS[column]] = _number(cells.get(column, ""), FIELDS[column])
        except ValueError as problem:
            upload.errors.append(f"Row {number}, column “{column}”: {problem}.")
    x, n = figures.get("numerator"), figures.get("denominator")
    if table.kind == EvidenceTable.Kind.PROPORTION and x is not None and n is not None and x > n:
        upload.errors.append(
            f"Row {number}, column “numerator”: {x:,} is more than the denominator {n:,}."
        )
    upload.figures[name] = figures
