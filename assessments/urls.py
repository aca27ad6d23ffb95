from django.urls import path

from assessments.views import records, sections

app_name = "assessments"
urlpatterns = [
    path("", records.assessment_list, name="index"),
    path("new/", records.assessment_new, name="new"),
    path("<int:pk>/", records.assessment_detail, name="detail"),
    path("<int:pk>/section/<slug:slug>/", sections.section, name="section"),
    path("<int:pk>/check/", records.check_answers, name="check"),
    path("<int:pk>/approve/", records.approve, name="approve"),
    path("<int:pk>/return/", records.return_to_author, name="return"),
    path("<int:pk>/new-version/", records.new_version, name="new_version"),
    path("<int:pk>/pdf/", records.assessment_pdf, name="pdf"),
    path("<int:pk>/history/", records.assessment_history, name="history"),
]
