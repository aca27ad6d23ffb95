from django.urls import path

from idmf.actions import views

urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("<int:pk>/", views.action_detail, name="action_detail"),
    path("<int:pk>/history/", views.action_history, name="action_history"),
]
