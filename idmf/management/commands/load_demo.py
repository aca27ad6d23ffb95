from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command
from django.db import transaction

from assessments.demo import load_llr_framework_assessment
from boardtool.demo import load_demo_reviews, queue_demo_pack
from eds.demo import load_mse_eds_report
from idmf.core.models import Membership, Organisation, System
from idmf.decisions.demo import load_demo_decisions
from idmf.decisions.models import DecisionRecord
from idmf.demo import DEMO_PASSWORD, DEMO_USERS
from idmf.evidence.demo import load_fsl_evidence
from idmf.publishing.counts import recount_all

DEMO_FIXTURES = [settings.BASE_DIR / "fixtures" / "demo" / "organisations.json"]


class Command(BaseCommand):
    help = "Load the demo organisations, records and one user per role (known password)."

    @transaction.atomic
    def handle(self, *args, **options):
        for fixture in DEMO_FIXTURES:
            call_command("loaddata", str(fixture), verbosity=0)
        User = get_user_model()
        for demo in DEMO_USERS:
            user, _ = User.objects.update_or_create(
                username=demo.username,
                defaults={
                    "first_name": demo.first_name,
                    "last_name": demo.last_name,
                    "email": f"{demo.username}@example.nhs.uk",
                    "is_staff": demo.superuser,
                    "is_superuser": demo.superuser,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            scope = (
                {"organisation": Organisation.objects.get(name=demo.organisation)}
                if demo.organisation
                else {"system": System.objects.get(name=demo.system)}
            )
            Membership.objects.get_or_create(user=user, role=demo.role, **scope)
        author = User.objects.get(username="author")
        assessment = load_llr_framework_assessment(author=author)
        load_demo_decisions(author=author, assessment=assessment)
        libre = DecisionRecord.objects.get(title__contains="FreeStyle Libre")
        libre.evidence_tables.set(load_fsl_evidence(organisation=libre.organisation, author=author))
        framework = DecisionRecord.objects.get(assessment=assessment)
        cited = {"ehiira": assessment, "decision": framework}
        review = load_demo_reviews(
            organisation_name=assessment.organisation.name,
            author=author,
            approver=User.objects.get(username="approver"),
            cited=cited,
        )
        queue_demo_pack(review=review, cited=cited, by=User.objects.get(username="secretary"))
        load_mse_eds_report(author=User.objects.get(username="mse.author"))
        recount_all()  # the demo sets some records' steps in bulk, past the signals
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
        for demo in DEMO_USERS:
            where = demo.organisation or f"every organisation in {demo.system}"
            extra = " (site admin)" if demo.superuser else ""
            self.stdout.write(f"  {demo.username:<12} {demo.role:<20} {where}{extra}")
        self.stdout.write("\nOpen http://127.0.0.1:8000 and log in.\n")
