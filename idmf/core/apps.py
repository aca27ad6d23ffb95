from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "idmf.core"
    label = "core"
    verbose_name = "Organisations, people and actions"
