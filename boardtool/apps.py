from django.apps import AppConfig


class BoardtoolConfig(AppConfig):
    name = "boardtool"
    verbose_name = "Board assurance"

    def ready(self):
        from boardtool.dashboard import board_panel
        from boardtool.data import review_data
        from boardtool.report import record_kind
        from idmf.core.dashboard import register_panel
        from idmf.core.records import register

        register(record_kind(), data=review_data)
        register_panel(board_panel)
