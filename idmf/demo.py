"""The demo cast: one user per role with a known password. Loaded only by `load_demo`."""

import datetime
import json
from dataclasses import dataclass

from idmf.models import Action, DecisionRecord, DecisionStep, Organisation, Service
from idmf.services import save_with_history

DEMO_PASSWORD = "Inclusive-Demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str = ""  # organisation name, or
    system: str = ""  # system name for a system-level membership
    superuser: bool = False


LLR_ICB = "NHS Leicester, Leicestershire and Rutland Integrated Care Board"
LLR = "Leicester, Leicestershire and Rutland"
MSE_ICB = "NHS Mid and South Essex Integrated Care Board"

DEMO_USERS = [
    DemoUser("author", "Amira", "Khan", "author", organisation=LLR_ICB),
    DemoUser("approver", "Priya", "Patel", "approver", organisation=LLR_ICB),
    DemoUser("secretary", "Ben", "Osei", "board_secretary", organisation=LLR_ICB),
    DemoUser("viewer", "Grace", "Lewis", "viewer", organisation=LLR_ICB),
    DemoUser("orgadmin", "Tom", "Hughes", "organisation_admin", organisation=LLR_ICB),
    DemoUser("system", "Nadia", "Rahman", "viewer", system=LLR),
    DemoUser("mse.author", "Chloe", "Turner", "author", organisation=MSE_ICB),
    DemoUser("admin", "Sam", "Admin", "organisation_admin", organisation=LLR_ICB, superuser=True),
]


DECISIONS_FILE = "idmf_records.json"


def load_demo_decisions(*, fixtures_dir, author, assessment):
    """The LLR Health Inequalities Framework (all six steps, linked to the approved
    EHIIRA) and the FreeStyle Libre case study (stopped at step 4)."""
    records = json.loads((fixtures_dir / DECISIONS_FILE).read_text(encoding="utf-8"))
    for data in records:
        organisation = Organisation.objects.get(name=data["organisation"])
        if DecisionRecord.objects.filter(organisation=organisation, title=data["title"]).exists():
            continue
        record = DecisionRecord(
            organisation=organisation, title=data["title"], kind=data["kind"], created_by=author
        )
        for step in ("step1", "step2", "step3", "step5", "step6"):
            for name, value in (data.get(step) or {}).items():
                name = {"how": "how_engaged"}.get(name, name)
                if step == "step5" and name == "decision_body":
                    name = "decided_by"
                if name == "actions":
                    continue
                if name in {"decision_date", "review_date"}:
                    value = datetime.date.fromisoformat(value)
                setattr(record, name, value)
        if data["completed_steps"] >= 4:
            record.assessment = assessment
        save_with_history(record, by=author, reason=DEMO_REASON)
        record.services.set(Service.objects.filter(name__in=data["service_names"]))
        completed_on = datetime.datetime(2021, 6, 8, 12, 0, tzinfo=datetime.UTC)
        for number in range(1, data["completed_steps"] + 1):
            save_with_history(
                DecisionStep(
                    record=record, number=number, completed_at=completed_on, completed_by=author
                ),
                by=author,
                reason=DEMO_REASON,
            )
        for action in (data.get("step6") or {}).get("actions", []):
            save_with_history(
                Action(
                    organisation=organisation,
                    title=action["title"],
                    owner=action["owner"],
                    due_date=datetime.date.fromisoformat(action["due_date"]),
                    status=Action.Status.DONE,
                    source=record,
                    created_by=author,
                ),
                by=author,
                reason=DEMO_REASON,
            )


DEMO_REASON = "Demo data: drawn from the LLR Health Inequalities Framework"
