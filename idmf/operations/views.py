"""The operations team's pages: the readiness check (the metrics are in metrics.py)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from idmf.integrity import chain
from idmf.operations import readiness


@require_GET
@login_not_required
def readyz(request):
    checks = [readiness.database(), readiness.file_store(), readiness.worker()]
    if checks[0].ok:
        checks.append(readiness.history(lambda: chain.verify(chain.recent())))
    status = readiness.status_of(checks)
    response = JsonResponse(
        {"status": status, "checks": {check.name: check.said for check in checks}},
        status=503 if status == "not ready" else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
