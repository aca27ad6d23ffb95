from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand

from idmf.core.signing import make_certificate


class Command(BaseCommand):
    help = (
        "Make the key and self-signed certificate that PDFs are signed with, where "
        "DJANGO_SIGNING_KEY and DJANGO_SIGNING_CERTIFICATE say, unless both are there already."
    )

    def handle(self, *args, **options):
        key, certificate = Path(settings.SIGNING_KEY), Path(settings.SIGNING_CERTIFICATE)
        if key.exists() and certificate.exists():
            self.stdout.write(f"PDFs are signed with the key {key} and certificate {certificate}")
            return
        make_certificate(key=key, certificate=certificate)
        self.stdout.write(
            f"Made a signing key at {key} and a self-signed certificate at {certificate}"
        )
