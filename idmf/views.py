"""The project's own page: the home page, which gathers what each tool has for the user."""

from django.shortcuts import render

from assessments.models import Assessment
from idmf.core.models import Action, Membership
from idmf.core.permissions import Perm, visible_to


def home(request):
    memberships = list(
        Membership.objects.filter(user=request.user).select_related(
            "organisation__system", "system"
        )
    )
    open_actions = (
        visible_to(request.user, Action.objects.filter(status__in=Action.OPEN_STATUSES))
        .select_related("organisation")
        .order_by("due_date", "pk")[:10]
    )
    awaiting_approval = (
        visible_to(
            request.user,
            Assessment.objects.filter(status=Assessment.Status.SUBMITTED),
            permission=Perm.APPROVE_RECORDS,
        )
        .exclude(created_by=request.user)
        .select_related("organisation")
        .order_by("submitted_at")[:10]
    )
    return render(
        request,
        "home.html",
        {
            "memberships": memberships,
            "open_actions": list(open_actions),
            "awaiting_approval": list(awaiting_approval),
        },
    )
