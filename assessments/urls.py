from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="index"),
    path("new/", views.assessment_new, name="new"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/section/<slug:slug>/", views.section, name="section"),
    path("<int:pk>/check/", views.check_answers, name="check"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/return/", views.return_to_author, name="return"),
    path("<int:pk>/new-version/", views.new_version, name="new_version"),
    path("<int:pk>/pdf/", views.assessment_pdf, name="pdf"),
    path("<int:pk>/history/", views.assessment_history, name="history"),
]
