from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import Stage1Question, Stage1Section, Stage2Group


@admin.register(Stage1Section)
class Stage1SectionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title"]


@admin.register(Stage1Question)
class Stage1QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "section", "text", "stage2_trigger_answer"]
    list_filter = ["section", "stage2_trigger_answer"]
    search_fields = ["text"]


@admin.register(Stage2Group)
class Stage2GroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
