from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "idmf.core"
    label = "core"
    verbose_name = "Organisations, people and actions"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from idmf.core.dashboard import register_panel
        from idmf.core.middleware import renewed_at_login
        from idmf.core.tracker import actions_panel

        register_panel(actions_panel)
        user_logged_in.connect(renewed_at_login, dispatch_uid="renewed_at_login")
