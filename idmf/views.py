"""The project's own page: the home page, which gathers what each tool has for the user."""

from django.shortcuts import render

from idmf.home import personal_home


def home(request):
    return render(request, "home.html", personal_home(request.user))
