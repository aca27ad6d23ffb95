from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "idmf.notices"
    label = "notices"
    verbose_name = "E-mail notices"
