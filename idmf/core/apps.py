from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "idmf.core"
    label = "core"
    verbose_name = "Organisations, people and actions"

    def ready(self):
        from idmf.core.dashboard import register_panel
        from idmf.core.tracker import actions_panel

        register_panel(actions_panel)
