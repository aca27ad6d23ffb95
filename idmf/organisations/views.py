"""The organisations a person sees: the list, each one's page, profile PDF and history,
and its set-up page for organisation admins (members, roles, services)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from idmf.core.exports import LINK, CsvExport, csv_response
from idmf.core.forms import all_valid, is_id, typed
from idmf.core.history import history_entries
from idmf.core.models import Membership, Organisation, Role
from idmf.core.pdf import pdf_filename
from idmf.core.pdf_jobs import pdf_page
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission,
    members_of,
    organisations_for,
    roles_in,
)
from idmf.core.views import organisation_breadcrumbs, render_history
from idmf.organisations import services
from idmf.organisations.forms import AddMemberForm, AddServiceForm
from idmf.people.closed import closures_of
from idmf.people.models import Invitation

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
        "organisations/organisation_list.html",
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


def organisation_detail(request, pk):
    organisation = _organisation_with_people(request.user, pk)
    return render(
        request,
        "organisations/organisation_detail.html",
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
        template="organisations/pdf/organisation_profile.html",
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


def organisation_setup(request, pk):
    """Organisation admins add and remove members and add services. The page is one form:
    whichever button is pressed, a member or service typed in is added too (or shown back)."""
    organisation = _organisation_with_people(request.user, pk, Perm.MANAGE_ORGANISATION)
    data = request.POST or None
    member_form = AddMemberForm(data, prefix="member", members=members_of(organisation))
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
    memberships = list(organisation.memberships.select_related("user"))
    closures = closures_of(m.user_id for m in memberships if not m.user.is_active)
    for membership in memberships:
        membership.closure = closures.get(membership.user_id)
    return render(
        request,
        "organisations/organisation_setup.html",
        {
            "organisation": organisation,
            "memberships": memberships,
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
