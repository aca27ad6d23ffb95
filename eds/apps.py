from django.apps import AppConfig


class EdsConfig(AppConfig):
    name = "eds"
    verbose_name = "Equality Delivery System 2022"
