from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from idmf.actions.models import Action


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "owner", "due_date", "status"]
    list_filter = ["status"]
    search_fields = ["title", "owner"]
