"""The periodic job: queue the reminders due today (each sent once), then send every
queued e-mail. Run it daily from cron, e.g.

    15 7 * * *  cd /srv/inclusive-decisions && .venv/bin/python manage.py send_reminders
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from eds.reminders import eds_publication_due
from idmf.actions import notices as action_notices
from idmf.decisions.reminders import reviews_due
from idmf.notices import delivery


class Command(BaseCommand):
    help = (
        "Queue today's reminders (overdue actions, decision reviews, EDS publication) and "
        "send every queued e-mail."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        queued = {
            "overdue actions": action_notices.actions_overdue(today=today),
            "decision reviews": reviews_due(today=today),
            "EDS publication": eds_publication_due(today=today),
        }
        sent = delivery.deliver_pending()
        said = ", ".join(f"{count} for {what}" for what, count in queued.items())
        self.stdout.write(f"Reminders queued: {said}. E-mails sent: {sent}.")
