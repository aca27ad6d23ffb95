from django.urls import path

from idmf.views import tool_index

app_name = "boardtool"
urlpatterns = [path("", tool_index, {"tool": "boardtool"}, name="index")]
