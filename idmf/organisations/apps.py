from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "idmf.organisations"
    label = "organisations"
    verbose_name = "Organisation pages and set-up"
