from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from idmf.backup import config_from_url, restore


class Command(BaseCommand):
    help = "Replace the database with a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file")
        parser.add_argument(
            "--into", help="a DATABASE_URL to restore into, instead of the site's database"
        )

    def handle(self, *args, path, into=None, **options):
        target = config_from_url(into) if into else settings.DATABASES["default"]
        try:
            restore(Path(path), into=target)
        except FileNotFoundError as missing:
            raise CommandError(str(missing)) from None
        self.stdout.write(f"Restored {path} into {target['NAME']}")
