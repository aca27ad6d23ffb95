from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "idmf.integrity"
    label = "integrity"
    verbose_name = "Signed documents checked, and the records' history kept whole"
