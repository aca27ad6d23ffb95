"""The demo EDS report: Mid and South Essex ICB's 2022/23 report (seed 002), with every
rating, owner, evidence and action-plan text as published, authorised and published."""

import datetime
import json

from django.conf import settings
from django.db import transaction

from eds.models import EdsOutcome, EdsReport, Objective, OutcomeGrade
from idmf.actions.models import Action
from idmf.core.models import Organisation, Service
from idmf.core.services import save_with_history

DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo" / "eds_mse_2022.json"
SERVICES = {"perinatal": "Perinatal mental health (EPUT)", "maternity": "Maternity (MSE FT)"}
REASON = "Demo data: transcribed from the MSE ICB EDS 2022/23 report"
AUTHORISED = datetime.datetime(2023, 7, 31, 12, 0, tzinfo=datetime.UTC)


@transaction.atomic
def load_mse_eds_report(*, author) -> EdsReport:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    organisation = Organisation.objects.get(name=data["organisation"])
    existing = EdsReport.objects.filter(organisation=organisation, year=data["year"]).first()
    if existing:
        return existing
    services = {
        key: Service.objects.get(name=name, organisation__system_id=organisation.system_id)
        for key, name in SERVICES.items()
    }
    report = save_with_history(
        EdsReport(
            organisation=organisation,
            year=data["year"],
            board_sponsor=data["board_sponsor"],
            eds_lead=data["eds_lead"],
            completed_by=EdsReport.CompletedBy.PARTNERSHIP,
            completed_actions=data["completed_actions"],
            status=EdsReport.Status.PUBLISHED,
            submitted_at=AUTHORISED,
            authorisation_date=data["authorisation_date"],
            authorised_on_behalf_of=data["board_sponsor"],
            years_active=data["years_active"],
            published_at=AUTHORISED,
            created_by=author,
            created_at=datetime.datetime(2023, 3, 1, 9, 0, tzinfo=datetime.UTC),
        ),
        by=author,
        reason=REASON,
    )
    report.services.set(services.values())
    report.core20plus5_services.set(services.values())
    report.partners.set({service.organisation for service in services.values()})
    outcomes = {o.code: o for o in EdsOutcome.objects.all()}
    owners = {}
    for row in data["grades"]:
        service = services.get(row["service"])
        owners[(row["outcome"], row["service"])] = row["owner"].split("\n")[0].strip()
        save_with_history(
            OutcomeGrade(
                report=report,
                outcome=outcomes[row["outcome"]],
                service=service,
                evidence=row["evidence"],
                rating=row["rating"],
                owner=row["owner"],
            ),
            by=author,
            reason=REASON,
        )
    for row in data["objectives"]:
        objective = save_with_history(
            Objective(
                report=report,
                outcome=outcomes[row["outcome"]],
                service=services.get(row["service"]),
                text=row["objective"],
            ),
            by=author,
            reason=REASON,
        )
        for action in row["actions"]:
            done = datetime.date.fromisoformat(action["due_date"]) < datetime.date(2024, 1, 1)
            entry = Action(
                organisation=organisation,
                title=action["action"],
                owner=owners[(row["outcome"], row["service"])],
                due_date=datetime.date.fromisoformat(action["due_date"]),
                status=Action.Status.DONE if done else Action.Status.IN_PROGRESS,
                created_by=author,
            )
            entry.source = objective
            save_with_history(entry, by=author, reason=REASON)
    return report
