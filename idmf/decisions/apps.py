from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "idmf.decisions"
    label = "decisions"
    verbose_name = "IDMF decision records"
