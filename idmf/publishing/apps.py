from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "idmf.publishing"
    label = "publishing"
    verbose_name = "The public register and the records' downloads"
