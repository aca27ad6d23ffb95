"""Every tool's URLs, mounted under its own prefix. Only the project package imports
every app."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from idmf import views
from idmf.decisions.views import records as decision_views
from idmf.operations import metrics
from idmf.operations import views as operations
from idmf.people import signin

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        signin.LoginView.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", signin.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", include("idmf.core.urls")),
    path("organisations/", include("idmf.organisations.urls")),
    path("", include("idmf.people.urls")),
    path("", include("idmf.publishing.urls")),
    path("actions/", include("idmf.actions.urls")),
    path("evidence/", include("idmf.evidence.urls")),
    path("", include("idmf.integrity.urls")),
    path("", include("idmf.notices.urls")),
    path("decisions/", include("idmf.decisions.urls")),
    path("published/", decision_views.public_register, name="public_register"),
    path("published/<int:pk>/", decision_views.public_record, name="public_record"),
    path("published/<int:pk>/pdf/", decision_views.public_record_pdf, name="public_record_pdf"),
    path("assessments/", include("assessments.urls")),
    path("eds/", include("eds.urls")),
    path("board/", include("boardtool.urls")),
    path("admin/", admin.site.urls),
    path("readyz", operations.readyz, name="readyz"),
    # Not public: found only with the scraper's token (idmf/operations/metrics.py).
    path(settings.METRICS_PATH, metrics.metrics, name="metrics"),
]
