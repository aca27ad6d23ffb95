from django.urls import path

from idmf.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="index"),
    path("reviews-overdue/", views.overdue_reviews, name="overdue"),
    path("new/", views.decision_new, name="new"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/step/<int:number>/", views.step, name="step"),
    path("<int:pk>/step/<int:number>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/review/", views.add_review, name="review"),
    path("<int:pk>/pdf/", views.decision_pdf, name="pdf"),
    path("<int:pk>/history/", views.decision_history, name="history"),
]
