from django.apps import AppConfig


class IdmfConfig(AppConfig):
    name = "idmf"
    verbose_name = "Organisations and decision records"
