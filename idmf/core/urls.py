from django.contrib.auth.decorators import login_not_required
from django.urls import path

from idmf.core import dashboard_page, downloads, people, register, sso, tracker, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/profile.pdf", views.organisation_pdf, name="organisation_pdf"),
    path("organisations/<int:pk>/setup/", views.organisation_setup, name="organisation_setup"),
    path(
        "organisations/<int:pk>/history/",
        views.organisation_history,
        name="organisation_history",
    ),
    path("organisations/<int:pk>/invitations/", people.invitations, name="invitations"),
    path(
        "organisations/<int:pk>/people/<int:user_pk>/close/",
        people.close_account,
        name="close_account",
    ),
    path("invitations/<str:token>/", people.invitation, name="invitation"),
    path("records/<str:kind>/<int:pk>/people/", people.record_people, name="record_people"),
    path("sso/start/", login_not_required(sso.SignOnStart.as_view()), name="sso_start"),
    path("sso/callback/", login_not_required(sso.SignOnCallback.as_view()), name="sso_callback"),
    path("records/<str:kind>/<int:pk>.docx", downloads.record_docx, name="record_docx"),
    path("records/<str:kind>/<int:pk>.json", downloads.record_json, name="record_json"),
    path("account/e-mails/", views.notice_preferences, name="notice_preferences"),
    path("records/<str:kind>/<int:pk>/publish/", register.publish_record, name="record_publish"),
    path("register/", register.register_index, name="register"),
    path("register/feed.atom", register.register_feed, name="register_feed"),
    path(
        "register/organisations/<int:pk>/",
        register.register_organisation,
        name="register_organisation",
    ),
    path("register/<str:kind>/<int:pk>/", register.register_record, name="register_record"),
    path("register/<str:kind>/<int:pk>/pdf/", register.register_pdf, name="register_pdf"),
    path("dashboard/", dashboard_page.dashboard, name="dashboard"),
    path("actions/", tracker.action_list, name="action_list"),
    path("actions/<int:pk>/", tracker.action_detail, name="action_detail"),
    path("actions/<int:pk>/history/", tracker.action_history, name="action_history"),
]
