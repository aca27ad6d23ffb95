from django.urls import path

from idmf.views import tool_index

app_name = "decisions"
urlpatterns = [path("", tool_index, {"tool": "decisions"}, name="index")]
