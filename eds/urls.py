from django.urls import path

from eds import views

app_name = "eds"
urlpatterns = [path("", views.index, name="index")]
