from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Equality, health inequality impact and risk assessments"

    def ready(self):
        from assessments.dashboard import assessments_panel
        from assessments.data import assessment_data
        from assessments.report import record_kind
        from idmf.core.records import register_tool

        register_tool(record_kind(), data=assessment_data, panel=assessments_panel)
