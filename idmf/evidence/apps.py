from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "idmf.evidence"
    label = "evidence"
    verbose_name = "Equity evidence"

    def ready(self):
        from idmf.core.records import register_tool
        from idmf.evidence.dashboard import gaps_panel
        from idmf.evidence.kind import record_kind

        kind = record_kind()
        register_tool(kind, data=kind.data, panel=gaps_panel)
