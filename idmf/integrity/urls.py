from django.urls import path

from idmf.integrity import views

urlpatterns = [
    path("check-a-document/", views.check_document, name="check_document"),
]
