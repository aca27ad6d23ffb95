from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from idmf.core import services, sso
from idmf.core.exports import LINK, CsvExport, csv_response
from idmf.core.forms import (
    AddMemberForm,
    AddServiceForm,
    NoticePreferencesForm,
    all_valid,
    is_id,
    typed,
)
from idmf.core.history import history_entries
from idmf.core.models import Invitation, Membership, NoticeKind, Organisation, Role
from idmf.core.pagination import paginate
from idmf.core.pdf import pdf_filename, pdf_page
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission,
    organisations_for,
    roles_in,
)


class LoginView(auth_views.LoginView):
    """Log in with a password, or (when it is set up) sign in with NHSmail."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso.configured():
            after = self.get_redirect_url()
            query = f"?{urlencode({'next': after})}" if after else ""
            context["sso_url"] = reverse("sso_start") + query
            context["sso_label"] = settings.OIDC_LABEL
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with a wrong current password counted like a failed login:
    a stolen session cannot be used to guess the password."""

    def post(self, request, *args, **kwargs):
        credentials = {"username": request.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return get_lockout_response(request, credentials=credentials)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            user_login_failed.send(
                sender=type(self),
                credentials={"username": self.request.user.get_username()},
                request=self.request,
            )
        return super().form_invalid(form)


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


ORGANISATIONS_CSV = CsvExport(
    name="organisations",
    columns=[
        ("Organisation", lambda o, _: o.name),
        ("Kind", lambda o, _: o.get_kind_display()),
        ("System", lambda o, _: o.system.name),
        ("Places", lambda o, _: ", ".join(place.name for place in o.places.all())),
        LINK,
    ],
)


def organisation_list(request):
    organisations = organisations_for(request.user).prefetch_related("places")
    if request.GET.get("format") == "csv":
        return csv_response(request, ORGANISATIONS_CSV, organisations)
    return render(
        request,
        "core/organisation_list.html",
        {
            "organisations": organisations,
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
    )


def _organisation_with_people(user, pk, permission=Perm.VIEW_RECORDS):
    queryset = Organisation.objects.select_related("system").prefetch_related(
        "services",
        "places",
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("user").order_by(
                "user__last_name", "user__first_name", "user__username"
            ),
        ),
    )
    return get_for_user_or_404(user, queryset, permission, pk=pk)


ROLE_LABELS = dict(Role.choices)


def members_by_role(organisation):
    grouped = {role: [] for role in Role.values}
    for membership in organisation.memberships.all():
        grouped[membership.role].append(membership.user)
    return [(ROLE_LABELS[role], users) for role, users in grouped.items() if users]


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


def organisation_detail(request, pk):
    organisation = _organisation_with_people(request.user, pk)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "members_by_role": members_by_role(organisation),
            "your_roles": sorted(ROLE_LABELS[r] for r in roles_in(request.user, organisation)),
            "may_manage": has_permission(request.user, Perm.MANAGE_ORGANISATION, organisation),
            "breadcrumbs": organisation_breadcrumbs(),
        },
    )


def organisation_pdf(request, pk):
    organisation = _organisation_with_people(request.user, pk)
    return pdf_page(
        request,
        key=None,  # its members and services change
        template="core/pdf/organisation_profile.html",
        context=lambda: {
            "organisation": organisation,
            "members_by_role": members_by_role(organisation),
            "record_title": "Organisation profile",
        },
        filename=pdf_filename(organisation.name, "profile"),
    )


def organisation_history(request, pk):
    organisation = get_for_user_or_404(
        request.user, Organisation.objects.all(), Perm.VIEW_RECORDS, pk=pk
    )
    return render_history(
        request,
        title=organisation.name,
        entries=history_entries(
            organisation.history.all(),
            organisation.services.model.history.filter(organisation_id=organisation.pk),
            Membership.history.filter(organisation_id=organisation.pk),
            Invitation.history.filter(organisation_id=organisation.pk),
        ),
        breadcrumbs=organisation_breadcrumbs(organisation),
    )


def start_record_page(request, *, form, start, started, template, breadcrumbs):
    """A page that starts a new record. On a valid POST, `start(cleaned_data)` creates it
    and returns the URL of its first page; the `started` message says so there."""
    if request.method == "POST" and form.is_valid():
        first_page = start(form.cleaned_data)
        messages.success(request, started)
        return redirect(first_page)
    return render(request, template, {"form": form, "breadcrumbs": breadcrumbs})


def save_then_go(request, save, *, here: str, record, onward, added="Your changes have been saved"):
    """The buttons of a page of a multi-page record: run `save()`, then go back to this page
    (`here`) to add more, back to the record to come back later, or on to `onward()`. A
    second press of the same button is told the first did it; a refusal is returned as the
    sentence to show on the page."""
    try:
        save()
    except services.AlreadyDone as done:  # a double click: the first press did it
        messages.info(request, str(done))
        return redirect(here)
    except services.Refused as error:
        return str(error)
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


def organisation_setup(request, pk):
    """Organisation admins add and remove members and add services. The page is one form:
    whichever button is pressed, a member or service typed in is added too (or shown back)."""
    organisation = _organisation_with_people(request.user, pk, Perm.MANAGE_ORGANISATION)
    data = request.POST or None
    member_form = AddMemberForm(data, prefix="member")
    service_form = AddServiceForm(data, prefix="service")
    refused = []
    if request.method == "POST":
        adding_member = "add_member" in request.POST or typed(member_form)
        adding_service = "add_service" in request.POST or typed(service_form)
        removing = _membership_to_remove(request, organisation)
        needed = [member_form if adding_member else None, service_form if adding_service else None]
        if all_valid(*needed):
            try:
                done = services.change_organisation(
                    organisation=organisation,
                    member=member_form.cleaned_data if adding_member else None,
                    service=service_form.cleaned_data if adding_service else None,
                    remove=removing,
                    by=request.user,
                )
            except services.SetupError as error:
                refused = [{"href": "", "text": str(error)}]
            else:
                messages.success(request, "; ".join(done) or "Nothing was changed")
                return redirect("organisation_setup", pk=organisation.pk)
    return render(
        request,
        "core/organisation_setup.html",
        {
            "organisation": organisation,
            "memberships": organisation.memberships.all(),
            "member_form": member_form,
            "service_form": service_form,
            "refused": refused,
            "breadcrumbs": organisation_breadcrumbs(organisation),
        },
    )


def _membership_to_remove(request, organisation) -> Membership | None:
    """The membership a "Remove" button names: 404 for anything not one of this page's."""
    if "remove_member" not in request.POST:
        return None
    value = request.POST["remove_member"]
    if not is_id(value):
        raise Http404("No such member")
    return get_object_or_404(Membership, pk=int(value), organisation=organisation)


def notice_preferences(request):
    """Each person chooses which kinds of e-mail they get."""
    off = set(request.user.notice_opt_outs.values_list("kind", flat=True))
    initial = {"wanted": [kind for kind in NoticeKind.values if kind not in off]}
    form = NoticePreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_notice_preferences(
            user=request.user, wanted=set(form.cleaned_data["wanted"]), by=request.user
        )
        messages.success(request, "Your e-mail preferences are saved")
        return redirect("notice_preferences")
    return render(
        request,
        "core/notice_preferences.html",
        {
            "form": form,
            "email": request.user.email,
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
    )
