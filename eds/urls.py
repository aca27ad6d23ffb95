from django.urls import path

from idmf.views import tool_index

app_name = "eds"
urlpatterns = [path("", tool_index, {"tool": "eds"}, name="index")]
