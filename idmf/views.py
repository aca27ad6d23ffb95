"""The project's own pages: the home page, which gathers what each tool has for the user,
and the health check that load balancers and `make serve` ask."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from idmf.home import personal_home


def home(request):
    return render(request, "home.html", personal_home(request.user))


@login_not_required
@never_cache
def healthz(request):
    """200 "ok" when this server answers and reaches its database (one query)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
