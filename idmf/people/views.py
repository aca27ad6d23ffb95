"""People coming and going and working together: organisation admins invite people and close
leavers' accounts; whoever is invited accepts (with a password or NHSmail); a draft's author
adds colleagues to it as co-authors or readers."""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from idmf.core.forms import all_valid, is_id, typed
from idmf.core.models import Share, person_name
from idmf.core.permissions import (
    Perm,
    colleagues_for,
    get_for_user_or_404,
    has_permission,
    members_of,
)
from idmf.core.records import record_of
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import organisation_breadcrumbs
from idmf.people import emails, provider, rules, services
from idmf.people.forms import CloseAccountForm, InviteForm, JoinForm, ShareForm
from idmf.people.models import Invitation


def _admin_of(request, pk):
    from idmf.core.models import Organisation

    return get_for_user_or_404(
        request.user, Organisation.objects.select_related("system"), Perm.MANAGE_ORGANISATION, pk=pk
    )


def _pressed_id(request, name: str) -> int | None:
    if name not in request.POST:
        return None
    value = request.POST[name]
    if not is_id(value):
        raise Http404("No such row")
    return int(value)


def _add_or_remove(request, *, form, button, row, remove, add, anchor) -> tuple[bool, list]:
    """One press on a page of rows with a Remove button each and a form to add one: the row
    pressed (if any) is removed, and whatever is typed in the form is added, together or
    not at all. Whether it was done (each `remove`/`add` says what it did, for the message),
    and the problems to show back with the form."""
    adding = button in request.POST or typed(form)
    if not all_valid(form if adding else None):
        return False, []
    steps = ([(remove, row)] if row is not None else []) + (
        [(add, form.cleaned_data)] if adding else []
    )
    done = []
    try:
        with transaction.atomic():
            for step, value in steps:
                try:
                    done.append(step(value))
                except AlreadyDone as said:  # nothing to do: not a problem
                    done.append(str(said))
    except Refused as error:
        return False, [{"href": anchor, "text": str(error)}]
    messages.success(request, ". ".join(done) or "Nothing was changed")
    return True, []


# --- invitations (organisation admins) ----------------------------------------------


def invitations(request, pk):
    """Invite people by e-mail address, and withdraw invitations still waiting. Whichever
    button is pressed, an address typed in is invited too (or shown back)."""
    organisation = _admin_of(request, pk)
    form = InviteForm(request.POST or None, prefix="invite")
    refused = []
    if request.method == "POST":
        revoke = _pressed_id(request, "revoke")

        def withdraw(invitation):
            services.revoke_invitation(invitation=invitation, by=request.user)
            return f"The invitation to {invitation.email} is withdrawn"

        def send(values):
            return _sent(*services.invite(organisation=organisation, by=request.user, **values))

        done, refused = _add_or_remove(
            request,
            form=form,
            button="invite",
            row=get_object_or_404(Invitation, pk=revoke, organisation=organisation)
            if revoke
            else None,
            remove=withdraw,
            add=send,
            anchor="#invite-email",
        )
        if done:
            return redirect("invitations", pk=organisation.pk)
    return render(
        request,
        "people/invitations.html",
        {
            "organisation": organisation,
            "form": form,
            "refused": refused,
            "invitations": organisation.invitations.select_related("invited_by", "accepted_by"),
            "days": settings.INVITATION_DAYS,
            "ways_in": emails.ways_in(),
            "breadcrumbs": organisation_breadcrumbs(organisation),
        },
    )


def _sent(invitation, token) -> str:
    if emails.send_invitation(invitation, token=token):
        return f"Invitation sent to {invitation.email}"
    return (
        f"The invitation to {invitation.email} is made, but the e-mail could not be sent. "
        f"Send them this link yourself: {emails.invitation_link(token)}"
    )


# --- accepting an invitation (anyone with the link) ---------------------------------


@login_not_required
def invitation(request, token):
    found = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by"),
        token_hash=services.token_hash(token),
    )
    user = request.user
    if found.accepted_by_id is not None and found.accepted_by_id == user.pk:
        # Back from signing in with NHSmail, which accepted it.
        messages.success(request, _joined(found))
        return redirect("home")
    signed_in = user.email if user.is_authenticated else None
    problem = rules.invitation_problem(state=found.state, invited=found.email, signed_in=signed_in)
    has_account = get_user_model().objects.filter(email__iexact=found.email).exists()
    form = None
    if not problem and not user.is_authenticated and not has_account:
        form = JoinForm(request.POST or None, email=found.email)
    if request.method == "POST" and not problem:
        try:
            if user.is_authenticated:
                services.accept_invitation(invitation=found, user=user, by=user)
            elif form is not None and form.is_valid():
                person = services.join_with_password(
                    invitation=found,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password"],
                )
                auth.login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise Refused()
        except Refused as error:
            problem = str(error)
        else:
            messages.success(request, _joined(found))
            return redirect("home")
    here = reverse("invitation", args=[token])
    return render(
        request,
        "people/invitation.html",
        {
            "invitation": found,
            "problem": problem,
            "form": form,
            "has_account": has_account,
            "login_url": f"{reverse('login')}?{urlencode({'next': here})}",
            "sso_url": f"{reverse('sso_start')}?{urlencode({'next': here})}"
            if provider.configured()
            else "",
            "sso_label": settings.OIDC_LABEL,
        },
    )


def _joined(invitation) -> str:
    return f"You have joined {invitation.organisation} as {invitation.get_role_display().lower()}"


# --- leavers (organisation admins) --------------------------------------------------


def close_account(request, pk, user_pk):
    """Close a leaver's account: everything they wrote stays, with its history; they are
    signed out; their drafts and open actions here may go to a named colleague."""
    organisation = _admin_of(request, pk)
    person = get_object_or_404(members_of(organisation), pk=user_pk)
    form = CloseAccountForm(
        request.POST or None, colleagues=services.successors(person, organisation)
    )
    problem = services.leaver_problem(person=person, by=request.user)
    refused = [{"href": "", "text": problem}] if problem else []
    if request.method == "POST" and form.is_valid() and not problem:
        try:
            done = services.close_account(
                person=person,
                organisation=organisation,
                transfer_to=form.cleaned_data["transfer_to"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except Refused as error:
            refused = [{"href": "", "text": str(error)}]
        else:
            messages.success(request, ". ".join(done))
            return redirect("organisation_setup", pk=organisation.pk)
    drafts, actions = services.leavers_work(person, organisation)
    return render(
        request,
        "people/close_account.html",
        {
            "organisation": organisation,
            "person": person,
            "form": form,
            "refused": refused,
            "drafts": drafts,
            "actions": list(actions),
            "breadcrumbs": organisation_breadcrumbs(organisation),
        },
    )


# --- working together on a record ---------------------------------------------------


def may_add_people(user, kind, record) -> bool:
    """The record's own team (those who may edit its organisation's records of this kind),
    not its co-authors, add and remove colleagues, while it is a draft."""
    return any(has_permission(user, perm, record.organisation) for perm in kind.drafters)


def record_people(request, kind, pk):
    kind_, record = record_of(request, kind, pk)
    shares = Share.objects.filter(
        record_type=kind_.content_type(), record_id=record.pk
    ).select_related("user", "added_by")
    is_draft = services.is_draft(kind_, record)
    may_change = is_draft and may_add_people(request.user, kind_, record)
    colleagues = (
        colleagues_for(record, joint=kind_.joint)
        .exclude(pk=record.created_by_id)
        .exclude(pk=request.user.pk)
    )
    form = ShareForm(request.POST or None, colleagues=colleagues, prefix="share")
    refused = []
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(
                f"Only the {kind_.noun}'s authors add colleagues to it, while it is a draft"
            )
        remove = _pressed_id(request, "remove")

        def take_off(share):
            services.unshare_record(share=share, by=request.user)
            return f"{person_name(share.user)} taken off"

        def add(values):
            person = values["person"]
            services.share_record(
                record=record, user=person, access=values["access"], by=request.user
            )
            return f"{person_name(person)} added and told by e-mail"

        done, refused = _add_or_remove(
            request,
            form=form,
            button="add",
            row=get_object_or_404(shares, pk=remove) if remove else None,
            remove=take_off,
            add=add,
            anchor="#share-person",
        )
        if done:
            return redirect("record_people", kind=kind, pk=record.pk)
    return render(
        request,
        "people/record_people.html",
        {
            "kind": kind_,
            "record": record,
            "shares": shares,
            "form": form if may_change else None,
            "is_draft": is_draft,
            "refused": refused,
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": str(kind_.title(record)), "href": record.get_absolute_url()},
            ],
        },
    )
