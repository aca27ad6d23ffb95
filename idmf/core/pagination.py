from django.core.paginator import Paginator
from django.shortcuts import render

from idmf.core.exports import CsvExport, csv_response
from idmf.core.permissions import memberships_of

PAGE_SIZE = 25


def filters_typed(request) -> str:
    """The list's query string as its filters set it: without the page and the format."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """A page of results and the querystring (without `page`) for the pagination links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return page, filters_typed(request)


def narrowed(queryset, columns):
    """`queryset` reading only `columns`, joined only to the relations they name."""
    joined = {column.split("__")[0] for column in columns if "__" in column}
    return queryset.select_related(None).select_related(*joined).only(*columns)


def render_list(
    request, *, queryset, template, context, export: CsvExport, extra=None, columns=None
):
    """A list page of the ordered `queryset`: a result count and a page of results; with
    `?format=csv` every row as CSV. `extra(rows)` adds what the page's rows need; `columns`
    are the only fields the page shows (so a far page sorts narrow rows)."""
    if request.GET.get("format") == "csv":
        return csv_response(request, export, queryset)
    page, querystring = paginate(request, narrowed(queryset, columns) if columns else queryset)
    more = extra(page.object_list) if extra else {}
    return render(
        request,
        template,
        {
            "page": page,
            "querystring": querystring,
            "csv_export": export.name,
            **context,
            **more,
        },
    )


def filters_key(request, form) -> str:
    """What the filters' HTML depends on: the form, what was typed in it, and whose it is
    (their memberships decide the organisations and people it offers). Rendering a form of
    selects costs more than the page's rows, so it is kept a minute (FILTERS_SECONDS)."""
    memberships = sorted(
        (m.organisation_id or 0, m.system_id or 0, m.role) for m in memberships_of(request.user)
    )
    return f"{type(form).__name__}:{request.user.pk}:{memberships}:{filters_typed(request)}"


def render_filtered_list(
    request,
    *,
    form,
    queryset,
    order_by,
    template,
    context,
    export: CsvExport,
    extra=None,
    columns=None,
):
    """A list page with filters above it (`form`), which the CSV follows too."""
    if form.is_valid():
        queryset = form.apply(queryset)
    return render_list(
        request,
        queryset=queryset.order_by(*order_by),
        template=template,
        context={"filter_form": form, "filters_key": filters_key(request, form), **context},
        export=export,
        extra=extra,
        columns=columns,
    )
