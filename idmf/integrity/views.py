from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from idmf.integrity import checking
from idmf.integrity.forms import CheckForm


@login_not_required
@require_http_methods(["GET", "POST"])
def check_document(request):
    """Anyone may check a PDF they were sent or downloaded: is it one we signed, unaltered?"""
    form = CheckForm(request.POST, request.FILES) if request.method == "POST" else CheckForm()
    finding = None
    if request.method == "POST" and form.is_valid():
        finding = checking.check(form.cleaned_data["document"].read())
    return render(
        request,
        "integrity/check.html",
        {"form": form, "finding": finding, "outcomes": checking.Outcome},
    )
