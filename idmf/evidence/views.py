"""The pages of equity evidence: the list of tables, starting one, a table's page (its chart,
its summary and its computed figures), its details, its figures typed or uploaded, its CSV
template and export, and its history. Views parse, call a service, render."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from idmf.core.exports import LINK, CsvExport, when
from idmf.core.history import history_entries
from idmf.core.models import Organisation
from idmf.core.pagination import render_filtered_list
from idmf.core.pdf import attachment, download_filename
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission_anywhere,
    may,
    organisations_for,
    visible_to,
)
from idmf.core.services import Refused
from idmf.core.views import render_history, start_record_page
from idmf.evidence import figures, services, upload, words
from idmf.evidence.forms import (
    DETAIL_FIELDS,
    DetailsForm,
    EvidenceFilterForm,
    FiguresForm,
    NewTableForm,
    NextPeriodForm,
    SettingsForm,
    UploadForm,
)
from idmf.evidence.kind import figures_context
from idmf.evidence.models import EvidenceRow, EvidenceTable, settings_of

EVIDENCE_CSV = CsvExport(
    name="evidence",
    columns=[
        ("Indicator", lambda t, _: t.indicator),
        ("Organisation", lambda t, _: t.organisation.name),
        ("Broken down by", lambda t, _: t.dimension.name),
        ("Period from", lambda t, _: when(t.period_from)),
        ("Period to", lambda t, _: when(t.period_to)),
        ("Kind", lambda t, _: t.get_kind_display()),
        ("Illustrative figures", lambda t, _: "Yes" if t.illustrative else "No"),
        LINK,
    ],
)


def crumbs(table=None) -> list[dict]:
    trail = [
        {"text": "Home", "href": reverse("home")},
        {"text": "Equity evidence", "href": reverse("evidence:list")},
    ]
    if table is not None:
        trail.append({"text": table.indicator, "href": table.get_absolute_url()})
    return trail


def _tables():
    return EvidenceTable.objects.select_related("organisation", "dimension")


def table_list(request):
    return render_filtered_list(
        request,
        form=EvidenceFilterForm(request.GET, user=request.user),
        queryset=visible_to(request.user, _tables()),
        order_by=["indicator", "-period_to", "pk"],
        template="evidence/table_list.html",
        context={
            "breadcrumbs": crumbs()[:1],
            "may_start": has_permission_anywhere(request.user, Perm.EDIT_RECORDS),
            "administered": organisations_for(request.user, Perm.MANAGE_ORGANISATION),
        },
        export=EVIDENCE_CSV,
    )


def to_figures(table, started: str) -> tuple[str, str]:
    """Where a new table (or period) opens, its figures, and what is said there."""
    return reverse(
        "evidence:figures", args=[table.pk]
    ), f"{started}: enter its figures, or upload them"


def table_new(request):
    if not has_permission_anywhere(request.user, Perm.EDIT_RECORDS):
        raise PermissionDenied

    def start(data) -> tuple[str, str]:
        table = services.start_table(
            organisation=data["organisation"],
            dimension=data["dimension"],
            values={name: data[name] for name in DETAIL_FIELDS},
            custom_groups=data["custom_groups"],
            by=request.user,
        )
        return to_figures(table, "Table started")

    return start_record_page(
        request,
        form=NewTableForm(request.POST or None, user=request.user),
        start=start,
        template="evidence/table_new.html",
        breadcrumbs=crumbs(),
    )


def table_detail(request, pk):
    table = get_for_user_or_404(request.user, _tables(), Perm.VIEW_RECORDS, pk=pk)
    warn_over = settings_of(table.organisation_id).completeness_warning / 100
    shown = figures_context(table, warn_over=warn_over)
    periods = shown["periods"]
    return render(
        request,
        "evidence/table_detail.html",
        {
            **shown,
            "periods": [_period_row(p) for p in periods] if len(periods) > 1 else [],
            "may_edit": may(request.user, Perm.EDIT_RECORDS, table),
            "breadcrumbs": crumbs(),
        },
    )


def _period_row(period) -> dict:
    """A period as the table of periods shows it: its gap, its slope index and its change."""
    computed = period.figures
    return {
        "table": period.table,
        "gap": words.difference(computed.table, computed.gap.difference) if computed.gap else "",
        "slope": words.slope_words(computed) if computed.slope else "",
        "change": period.since_previous.said if period.since_previous else "Baseline",
    }


def _editable(request, pk) -> EvidenceTable:
    return get_for_user_or_404(request.user, _tables(), Perm.EDIT_RECORDS, pk=pk)


def _saved(request, form, table, write, values, *, done: str) -> bool:
    """The service's `write` of `values(form)` to `table`; a refusal is said at the top of
    `form`."""
    try:
        write(
            table_id=table.pk,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            **values(form),
        )
    except Refused as refused:
        for problem in refused.problems:
            form.add_error(None, problem)
        return False
    messages.success(request, done)
    return True


def _edit_page(request, table, form, write, values, *, done, template, context=None):
    """A page that edits `table`: saved, back to the table; else the page with what was typed."""
    pressed = request.method == "POST" and form.is_valid()
    if pressed and _saved(request, form, table, write, values, done=done):
        return redirect(table)
    return render(
        request,
        template,
        {"table": table, "form": form, "breadcrumbs": crumbs(table), **(context or {})},
    )


def table_details(request, pk):
    table = _editable(request, pk)
    form = DetailsForm(request.POST or None, instance=table, initial={"version": table.version})
    return _edit_page(
        request,
        table,
        form,
        services.save_details,
        lambda form: {"values": {name: form.cleaned_data[name] for name in DETAIL_FIELDS}},
        done="Details saved",
        template="evidence/table_details.html",
    )


def table_figures(request, pk):
    table = _editable(request, pk)
    form = FiguresForm(request.POST or None, table=table, initial={"version": table.version})
    return _edit_page(
        request,
        table,
        form,
        services.save_figures,
        lambda form: {"figures": form.figures()},
        done="Figures saved",
        template="evidence/table_figures.html",
    )


def table_upload(request, pk):
    """A CSV file of the figures: saved whole, or refused with every error named beside what
    the file held."""
    table = _editable(request, pk)
    form = UploadForm(
        request.POST or None, request.FILES or None, initial={"version": table.version}
    )
    read = None
    if request.method == "POST" and form.is_valid():
        try:
            read = upload.read(form.cleaned_data["file"], table)
        except upload.Refused as refused:
            form.add_error("file", str(refused))
        else:
            for error in read.errors:
                form.add_error("file", error)
    return _edit_page(
        request,
        table,
        form,
        services.save_figures,
        lambda form: {"figures": read.figures, "reason": "Figures uploaded from a CSV file"},
        done="Figures uploaded",
        template="evidence/table_upload.html",
        context={"uploaded": read, "columns": upload.COLUMNS[table.kind]},
    )


def table_next_period(request, pk):
    """Re-measure: start the next period of this indicator, then enter its figures."""
    table = _editable(request, pk)

    def start(data) -> tuple[str, str]:
        later = services.start_next_period(
            table_id=table.pk,
            period_from=data["period_from"],
            period_to=data["period_to"],
            by=request.user,
        )
        return to_figures(later, "Next period started")

    return start_record_page(
        request,
        form=NextPeriodForm(request.POST or None),
        start=start,
        template="evidence/table_next_period.html",
        breadcrumbs=crumbs(table),
        context={"table": table},
    )


def table_template(request, pk):
    table = _editable(request, pk)
    return attachment(
        upload.template_csv(table),
        content_type="text/csv; charset=utf-8",
        filename=download_filename("evidence-template", table.indicator, ext="csv"),
    )


def table_export(request, pk):
    table = get_for_user_or_404(request.user, _tables(), Perm.VIEW_RECORDS, pk=pk)
    computed = figures.compute(table)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Group", *upload.COLUMNS[table.kind][1:], "Value", "Lower 95%", "Upper 95%"])
    parts = [upload.FIELDS[column] for column in upload.COLUMNS[table.kind][1:]]
    estimates = {group.row.pk: group.estimate for group in computed.groups}
    for row in table.rows.all():
        e = estimates.get(row.pk)
        computed_cells = [e.value, e.lower, e.upper] if e else ["", "", ""]
        given = [getattr(row, part) for part in parts]
        writer.writerow([row.group, *("" if g is None else g for g in given), *computed_cells])
    return attachment(
        out.getvalue(),
        content_type="text/csv; charset=utf-8",
        filename=download_filename("evidence", table.indicator, ext="csv"),
    )


def table_history(request, pk):
    table = get_for_user_or_404(request.user, _tables(), Perm.VIEW_RECORDS, pk=pk)
    return render_history(
        request,
        title=table.indicator,
        entries=history_entries(table.history.all(), EvidenceRow.history.filter(table_id=table.pk)),
        breadcrumbs=crumbs(table),
    )


def organisation_settings(request, pk):
    """An organisation admin sets the thresholds: small numbers, and completeness."""
    organisation = get_for_user_or_404(
        request.user, Organisation.objects.all(), Perm.MANAGE_ORGANISATION, pk=pk
    )
    form = SettingsForm(request.POST or None, instance=settings_of(organisation.pk))
    if request.method == "POST" and form.is_valid():
        services.save_settings(organisation=organisation, by=request.user, **form.cleaned_data)
        messages.success(request, "Equity evidence settings saved")
        return redirect("evidence:list")
    return render(
        request,
        "evidence/settings.html",
        {"organisation": organisation, "form": form, "breadcrumbs": crumbs()},
    )
