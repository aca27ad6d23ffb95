from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "idmf.decisions"
    label = "decisions"
    verbose_name = "IDMF decision records"

    def ready(self):
        from assessments.models import Assessment
        from idmf.core.dashboard_kept import own
        from idmf.core.records import register_tool
        from idmf.decisions.dashboard import deciding_with, decisions_panel
        from idmf.decisions.data import decision_data
        from idmf.decisions.models import DecisionRecord
        from idmf.decisions.report import record_kind

        register_tool(
            record_kind(),
            data=decision_data,
            panel=decisions_panel,
            counts=[(DecisionRecord, own), (Assessment, deciding_with)],
        )
