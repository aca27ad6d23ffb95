from django.apps import AppConfig


class EdsConfig(AppConfig):
    name = "eds"
    verbose_name = "Equality Delivery System 2022"

    def ready(self):
        from eds.dashboard import eds_panel
        from eds.data import report_data
        from eds.models import EdsReport
        from eds.report import record_kind
        from idmf.core.dashboard_kept import own
        from idmf.core.records import register_tool

        register_tool(record_kind(), data=report_data, panel=eds_panel, counts=[(EdsReport, own)])
