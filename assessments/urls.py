from django.urls import path

from idmf.views import tool_index

app_name = "assessments"
urlpatterns = [path("", tool_index, {"tool": "assessments"}, name="index")]
