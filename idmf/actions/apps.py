from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "idmf.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self):
        from idmf.actions.dashboard import actions_panel
        from idmf.core.dashboard import register_panel

        register_panel(actions_panel)

        from idmf.actions.models import Action
        from idmf.core.dashboard_kept import counts_changes_of, own

        counts_changes_of(Action, own, panel=actions_panel)
