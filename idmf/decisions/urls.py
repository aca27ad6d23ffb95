from django.urls import path

from idmf.decisions.pages import PAGES
from idmf.decisions.views import records, steps

app_name = "decisions"
urlpatterns = [
    *PAGES.urls(list_view=records.decision_list),
    path("reviews-overdue/", records.overdue_reviews, name="overdue"),
    path("<int:pk>/", records.decision_detail, name="detail"),
    path("<int:pk>/step/<int:number>/", steps.step, name="step"),
    path("<int:pk>/step/<int:number>/reopen/", steps.reopen, name="reopen"),
    path("<int:pk>/review/", records.add_review, name="review"),
]
