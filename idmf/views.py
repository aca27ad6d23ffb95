"""The project's own page: the home page, which gathers what each tool has for the user."""

from django.conf import settings
from django.shortcuts import render

from idmf.home import personal_home


def home(request):
    """The person's work from every tool; for someone with no access yet (no membership, and
    nothing shared with them), whom to ask for it."""
    user = request.user
    context = personal_home(user)
    if not (context["memberships"] or context["shared"] or user.is_superuser):
        return render(request, "no_access.html", {"contact": settings.ACCESS_CONTACT})
    return render(request, "home.html", context)
