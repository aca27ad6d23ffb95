from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "idmf.evidence"
    label = "evidence"
    verbose_name = "Equity evidence"
