from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from idmf.core import services
from idmf.core.pagination import paginate


def public_page(view):
    """A page anyone may open, signed in or not, that a browser or proxy may keep but must
    ask for again each time (what is published can be withdrawn)."""
    return login_not_required(cache_control(public=True, no_cache=True)(view))


@login_not_required
def csrf_failure(request, reason=""):
    """A branded page for a form sent from a stale or foreign page (CSRF check failed)."""
    return render(request, "403_csrf.html", status=403)


@require_GET
@login_not_required
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def tool_breadcrumbs(tool_title, tool_url_name, record=None):
    """Home › the tool's list › the record (when there is one)."""
    crumbs = [
        {"text": "Home", "href": reverse("home")},
        {"text": tool_title, "href": reverse(tool_url_name)},
    ]
    if record is not None:
        crumbs.append({"text": str(record), "href": record.get_absolute_url()})
    return crumbs


def organisation_breadcrumbs(organisation=None):
    return tool_breadcrumbs("Organisations", "organisation_list", organisation)


def start_record_page(
    request, *, form, start, template, breadcrumbs, context=None, error_field=None
):
    """A page that starts a new record. On a valid POST, `start(cleaned_data)` creates it
    and returns the URL of its first page and what is said there. A refusal is said on
    `error_field` (None: at the top of the form), shown again with what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            first_page, started = start(form.cleaned_data)
        except services.Refused as refused:
            for problem in refused.problems:
                form.add_error(error_field, problem)
        else:
            messages.success(request, started)
            return redirect(first_page)
    return render(request, template, {"form": form, "breadcrumbs": breadcrumbs, **(context or {})})


def save_then_go(
    request, save, *, form, here: str, record, onward, added="Your changes have been saved"
):
    """The buttons of a page of a multi-page record: run `save()`, then go back to this page
    (`here`) to add more, back to the record to come back later, or on to `onward()`. A
    second press of the same button is told the first did it. A refusal is said at the top
    of `form` and None returned: the page shows again."""
    try:
        save()
    except services.AlreadyDone as done:  # a double click: the first press did it
        messages.info(request, str(done))
        return redirect(here)
    except services.Refused as error:
        form.add_error(None, str(error))
        return None
    if "add" in request.POST:
        messages.success(request, added)
        return redirect(here)
    if "later" in request.POST:
        messages.success(request, "Your changes have been saved. You can come back later.")
        return redirect(record)
    return redirect(onward())


def start_from_page(request, *, start, already, started, template, context):
    """A page that says what starting from a record does (a new version, next year's
    report), and its button: `start()` makes the new draft, then it opens with `started(it)`
    said; pressed again, it is told so and taken to `already()`."""
    if request.method == "POST":
        try:
            draft = start()
        except services.AlreadyDone as done:
            messages.info(request, str(done))
            return redirect(already())
        except services.Refused as error:
            raise PermissionDenied(str(error)) from None
        messages.success(request, started(draft))
        return redirect(draft)
    return render(request, template, context)


def submit_on_post(request, record, *, waiting, ensure_editable, submit, refused, links, submitted):
    """A "check and submit" page: only for an editable record (`ensure_editable`), except
    that a second press of Submit, once it is `waiting`, is told so. On a POST, `submit()`,
    then back to the record saying `submitted`. Else the problems for the error summary:
    `refused` is the tool's own refusal whose `problems` `links()` turns into links to where
    each is fixed. Returns (a response or None, the problems)."""
    if not (request.method == "POST" and record.status == waiting):
        ensure_editable(record)
    if request.method != "POST":
        return None, []
    try:
        submit()
    except services.AlreadyDone as done:
        messages.info(request, str(done))
        return redirect(record), []
    except refused as error:
        return None, links(error.problems)
    except services.Refused as error:
        return None, [{"href": "", "text": str(error)}]
    messages.success(request, submitted)
    return redirect(record), []


def render_history(request, *, title, entries, breadcrumbs):
    """The one history page every tool uses for its records, a page of entries at a time."""
    page, querystring = paginate(request, entries)
    return render(
        request,
        "core/history.html",
        {
            "record_title": title,
            "entries": page.object_list,
            "page": page,
            "querystring": querystring,
            "breadcrumbs": breadcrumbs,
        },
    )
