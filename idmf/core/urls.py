from django.urls import path

from idmf.core import dashboard_page, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("dashboard/", dashboard_page.dashboard, name="dashboard"),
]
