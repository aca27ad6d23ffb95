from django.apps import AppConfig


class BoardtoolConfig(AppConfig):
    name = "boardtool"
    verbose_name = "Board assurance"

    def ready(self):
        from boardtool.dashboard import board_panel
        from boardtool.data import review_data
        from boardtool.models import Cell, Review
        from boardtool.report import record_kind
        from idmf.core.dashboard_kept import own, through
        from idmf.core.records import register_tool

        register_tool(
            record_kind(),
            data=review_data,
            panel=board_panel,
            counts=[(Review, own), (Cell, through(Review, "review_id"))],
        )
