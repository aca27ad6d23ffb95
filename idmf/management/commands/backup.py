from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from idmf.backup import backup


class Command(BaseCommand):
    help = "Back up the database to one file (default: var/backups/<date and time>.backup)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="where to write the backup")

    def handle(self, *args, path=None, **options):
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
        target = Path(path or settings.VAR_DIR / "backups" / f"{stamp}.backup")
        try:
            backup(settings.DATABASES["default"], target)
        except FileNotFoundError as missing:
            raise CommandError(str(missing)) from None
        self.stdout.write(f"Backed up to {target}")
