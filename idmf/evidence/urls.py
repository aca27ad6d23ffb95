from django.urls import path

from idmf.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.table_list, name="list"),
    path("new/", views.table_new, name="new"),
    path("settings/<int:pk>/", views.organisation_settings, name="settings"),
    path("<int:pk>/", views.table_detail, name="detail"),
    path("<int:pk>/details/", views.table_details, name="details"),
    path("<int:pk>/figures/", views.table_figures, name="figures"),
    path("<int:pk>/upload/", views.table_upload, name="upload"),
    path("<int:pk>/next-period/", views.table_next_period, name="next_period"),
    path("<int:pk>/template.csv", views.table_template, name="template"),
    path("<int:pk>/figures.csv", views.table_export, name="export"),
    path("<int:pk>/history/", views.table_history, name="history"),
]
