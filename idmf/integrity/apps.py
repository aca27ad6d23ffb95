from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "idmf.integrity"
    label = "integrity"
    verbose_name = "Signed documents checked, and the records' history kept whole"

    def ready(self):
        from simple_history.signals import post_create_historical_record

        from idmf.core.records import watch_kinds
        from idmf.integrity import chain

        def seal_history_of(kind):
            """Each new history row of this kind's records: sealed once the record is final."""
            history = chain.history_of(kind)
            if history is not None:
                post_create_historical_record.connect(
                    chain.on_history_row, sender=history, dispatch_uid=f"seal-{kind.key}"
                )

        watch_kinds(seal_history_of)
