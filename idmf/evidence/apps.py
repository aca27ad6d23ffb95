from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "idmf.evidence"
    label = "evidence"
    verbose_name = "Equity evidence"

    def ready(self):
        from idmf.core.dashboard import register_panel
        from idmf.evidence.dashboard import gaps_panel

        register_panel(gaps_panel)
