from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PublishingConfig(AppConfig):
    name = "idmf.publishing"
    label = "publishing"
    verbose_name = "The public register and the records' downloads"

    def ready(self):
        from idmf.core import pdf_jobs
        from idmf.core.records import watch_kinds
        from idmf.publishing import counts
        from idmf.publishing.downloads import WORD

        pdf_jobs.add_format(WORD)

        def count_published(kind):
            """Keep the register's counts of this kind (only kinds the register shows)."""
            if kind.public is not None:
                uid = f"published-count-{kind.key}"
                post_save.connect(counts.changed, sender=kind.model, dispatch_uid=f"{uid}-s")
                post_delete.connect(counts.changed, sender=kind.model, dispatch_uid=f"{uid}-d")

        watch_kinds(count_published)
