from django.urls import path

from idmf.notices import views

urlpatterns = [
    path("account/e-mails/", views.notice_preferences, name="notice_preferences"),
]
