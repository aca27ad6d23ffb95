from django.contrib.auth.decorators import login_not_required
from django.urls import path

from idmf.people import sso, views

urlpatterns = [
    path("organisations/<int:pk>/invitations/", views.invitations, name="invitations"),
    path(
        "organisations/<int:pk>/people/<int:user_pk>/close/",
        views.close_account,
        name="close_account",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("records/<str:kind>/<int:pk>/people/", views.record_people, name="record_people"),
    path("sso/start/", login_not_required(sso.SignOnStart.as_view()), name="sso_start"),
    path("sso/callback/", login_not_required(sso.SignOnCallback.as_view()), name="sso_callback"),
]
