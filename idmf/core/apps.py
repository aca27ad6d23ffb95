from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "idmf.core"
    label = "core"
    verbose_name = "Organisations and the records' shared workings"

    def ready(self):
        from idmf.core.history_managers import keep_manager_classes

        keep_manager_classes()

        from django.contrib.auth.signals import user_logged_in

        from idmf.core.middleware import renewed_at_login

        user_logged_in.connect(renewed_at_login, dispatch_uid="renewed_at_login")

        from idmf.core.dashboard_kept import counts_changes_of
        from idmf.core.models import Organisation

        # Panels name organisations.
        counts_changes_of(Organisation, lambda organisation: organisation.pk, panel=None)
