"""Writes of equity evidence: a table started with a row for each of its dimension's groups
(and one for "not known"), its details edited and its figures saved, from the form or from a
CSV file. Keyword-only, atomic, with the acting user; each change is in the history with why."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from idmf.core.services import Refused, lock_for_edit, save_edited, save_with_history
from idmf.evidence.models import NOT_KNOWN, EvidenceRow, EvidenceSettings, EvidenceTable

FIGURES = ("numerator", "denominator", "value", "se", "lower", "upper")
DETAILS = (
    "indicator",
    "numerator",
    "denominator",
    "source",
    "source_url",
    "period_from",
    "period_to",
    "kind",
    "per",
    "unit",
    "polarity",
    "first_group",
    "second_group",
    "illustrative",
    "note",
)


def group_names(dimension, custom: list[str]) -> list[str]:
    """The groups a new table's rows are for: the dimension's, or the author's own list."""
    if dimension.is_custom:
        return custom
    return [group.label for group in dimension.groups.all()]


@transaction.atomic
def start_table(*, organisation, dimension, values: dict, custom_groups=(), by):
    """A new table with an empty row for each group, then "not known"."""
    names = group_names(dimension, list(custom_groups))
    if len(names) < 2:
        raise Refused("A table needs at least two groups to compare")
    table = EvidenceTable(
        organisation=organisation,
        dimension=dimension,
        created_by=by,
        **{name: values[name] for name in DETAILS if name in values},
    )
    table.full_clean(exclude=["organisation", "dimension", "created_by", "follows", "series"])
    save_with_history(table, by=by, reason="Evidence table started")
    rows = [EvidenceRow(table=table, group=name, order=n) for n, name in enumerate(names, 1)]
    rows.append(EvidenceRow(table=table, group=NOT_KNOWN, order=len(names) + 1, not_known=True))
    bulk_create_with_history(
        rows, EvidenceRow, default_user=by, default_change_reason="Evidence table started"
    )
    return table


@transaction.atomic
def start_next_period(*, table_id, period_from, period_to, by) -> EvidenceTable:
    """The next period of the indicator `table_id` measures: the same details, dimension and
    groups, its figures to enter. Only the latest period has a next."""
    earlier = lock_for_edit(
        EvidenceTable.objects.all(), table_id, expected_version=None, noun="table"
    )
    if EvidenceTable.objects.filter(follows=earlier).exists():
        raise Refused(f"“{earlier}” already has a later period: re-measure from the latest")
    if period_from <= earlier.period_to:
        raise Refused(
            f"The next period must start after this one ends ({earlier.period_to:%-d %B %Y})"
        )
    table = EvidenceTable(
        organisation=earlier.organisation,
        dimension=earlier.dimension,
        follows=earlier,
        series_id=earlier.first_period_id,
        created_by=by,
        **{name: getattr(earlier, name) for name in DETAILS},
    )
    table.period_from, table.period_to = period_from, period_to
    table.illustrative, table.note = False, ""
    save_with_history(table, by=by, reason="Next period started")
    copies = [
        EvidenceRow(table=table, group=row.group, order=row.order, not_known=row.not_known)
        for row in earlier.rows.all()
    ]
    bulk_create_with_history(
        copies, EvidenceRow, default_user=by, default_change_reason="Next period started"
    )
    return table


@transaction.atomic
def save_details(*, table_id, expected_version, values: dict, by) -> EvidenceTable:
    table = lock_for_edit(
        EvidenceTable.objects.all(), table_id, expected_version=expected_version, noun="table"
    )
    for name in DETAILS:
        if name in values:
            setattr(table, name, values[name])
    return save_edited(table, by=by, reason="Details of the evidence edited")


@transaction.atomic
def save_figures(*, table_id, expected_version, figures: dict, by, reason="Figures entered"):
    """`figures` maps each group's name to its figures (the names in FIGURES, None for a
    blank); every group of the table must be there, and no other."""
    table = lock_for_edit(
        EvidenceTable.objects.all(), table_id, expected_version=expected_version, noun="table"
    )
    rows = {row.group: row for row in table.rows.select_for_update()}
    if set(figures) != set(rows):
        raise Refused("The figures given are not for this table's groups")
    if table.kind == EvidenceTable.Kind.PROPORTION:
        over = [
            name
            for name, given in figures.items()
            if None not in (given.get("numerator"), given.get("denominator"))
            and given["numerator"] > given["denominator"]
        ]
        if over:
            raise Refused(*(f"{name}: the numerator is more than the denominator" for name in over))
    changed = []
    for name, row in rows.items():
        given = figures[name]
        if any(getattr(row, field) != given.get(field) for field in FIGURES):
            for field in FIGURES:
                setattr(row, field, given.get(field))
            changed.append(row)
    # A plain UPDATE a row, and their history in one INSERT: a file of 1,000 rows saves in
    # well under a second (Django's bulk_update builds a CASE per row and field, slower).
    for row in changed:
        EvidenceRow.objects.filter(pk=row.pk).update(**{f: getattr(row, f) for f in FIGURES})
    EvidenceRow.history.bulk_history_create(
        changed, update=True, default_user=by, default_change_reason=reason
    )
    return save_edited(table, by=by, reason=reason)


@transaction.atomic
def save_settings(*, organisation, suppress_up_to: int, completeness_warning: int, by):
    """The organisation's thresholds for small numbers and for completeness."""
    chosen, _ = EvidenceSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    chosen.suppress_up_to = suppress_up_to
    chosen.completeness_warning = completeness_warning
    return save_with_history(chosen, by=by, reason="Equity evidence settings changed")
