from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eds.models import EdsDomain, EdsOutcome


@admin.register(EdsDomain)
class EdsDomainAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title"]


@admin.register(EdsOutcome)
class EdsOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "domain", "text"]
    list_filter = ["domain"]
