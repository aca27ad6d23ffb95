"""Signing in: with a password, or with NHSmail where single sign-on is set up; and
changing one's password, a wrong current one counted as a failed login."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import user_login_failed
from django.contrib.auth import views as auth_views
from django.urls import reverse
from django.utils.http import urlencode

from idmf.people import provider


class LoginView(auth_views.LoginView):
    """Log in with a password, or (when it is set up) sign in with NHSmail."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if provider.configured():
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
