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
        from idmf.core.dashboard_kept import own, through
        from idmf.evidence.models import EvidenceRow, EvidenceTable

        register_tool(
            kind,
            data=kind.data,
            panel=gaps_panel,
            counts=[(EvidenceTable, own), (EvidenceRow, through(EvidenceTable, "table_id"))],
        )
