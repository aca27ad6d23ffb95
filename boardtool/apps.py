from django.apps import AppConfig


class BoardtoolConfig(AppConfig):
    name = "boardtool"
    verbose_name = "Board assurance"
