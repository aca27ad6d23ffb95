from django.urls import path

from boardtool import views

app_name = "boardtool"
urlpatterns = [path("", views.index, name="index")]
