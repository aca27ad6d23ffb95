from django.urls import path

from idmf.organisations import views

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/profile.pdf", views.organisation_pdf, name="organisation_pdf"),
    path("<int:pk>/setup/", views.organisation_setup, name="organisation_setup"),
    path("<int:pk>/history/", views.organisation_history, name="organisation_history"),
]
