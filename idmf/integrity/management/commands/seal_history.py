from django.core.management import BaseCommand

from idmf.integrity import chain


class Command(BaseCommand):
    help = (
        "Seal the history of every final record not sealed yet: once, after the upgrade that "
        "brought sealing in (records final before it), or after loading records in bulk."
    )

    def handle(self, *args, **options):
        records, rows = chain.seal_all()
        self.stdout.write(f"Sealed {rows} history rows of {records} final records")
