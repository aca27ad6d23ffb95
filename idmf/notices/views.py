"""Each person's e-mail preferences page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from idmf.notices import services
from idmf.notices.forms import NoticePreferencesForm
from idmf.notices.models import NoticeKind


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
        "notices/notice_preferences.html",
        {
            "form": form,
            "email": request.user.email,
            "breadcrumbs": [{"text": "Home", "href": reverse("home")}],
        },
    )
