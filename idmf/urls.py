from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from idmf import decision_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/profile.pdf", views.organisation_pdf, name="organisation_pdf"),
    path("organisations/<int:pk>/setup/", views.organisation_setup, name="organisation_setup"),
    path(
        "organisations/<int:pk>/history/",
        views.organisation_history,
        name="organisation_history",
    ),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/history/", views.action_history, name="action_history"),
    path("decisions/", include("idmf.decision_urls")),
    path("published/", decision_views.public_register, name="public_register"),
    path("published/<int:pk>/", decision_views.public_record, name="public_record"),
    path("assessments/", include("assessments.urls")),
    path("eds/", include("eds.urls")),
    path("board/", include("boardtool.urls")),
    path("admin/", admin.site.urls),
]
