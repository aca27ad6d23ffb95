from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package: installed only for its `load_demo` command."""

    name = "idmf"
    verbose_name = "Inclusive decisions"
