from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 25


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """A page of results and the querystring (without `page`) for the pagination links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def render_filtered_list(request, *, form, queryset, order_by, template, context):
    """A list page: filters above, a result count, and a page of results."""
    if form.is_valid():
        queryset = form.apply(queryset)
    page, querystring = paginate(request, queryset.order_by(*order_by))
    return render(
        request,
        template,
        {"filter_form": form, "page": page, "querystring": querystring, **context},
    )
