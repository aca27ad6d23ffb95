from django.urls import path

from assessments.pages import PAGES
from assessments.views import records, sections

app_name = "assessments"
urlpatterns = [
    *PAGES.urls(),
    path("<int:pk>/", records.assessment_detail, name="detail"),
    path("<int:pk>/section/<slug:slug>/", sections.section, name="section"),
    path("<int:pk>/check/", records.check_answers, name="check"),
    path("<int:pk>/approve/", records.approve, name="approve"),
    path("<int:pk>/return/", records.return_to_author, name="return"),
]
