"""The demo decision records, from fixtures/demo/decisions.json: the LLR Health
Inequalities Framework (all six steps, linked to the approved EHIIRA) and the
FreeStyle Libre case study (stopped at step 4)."""

import datetime
import json

from django.conf import settings
from django.db import transaction

from idmf.actions.models import Action
from idmf.core.models import Organisation, Service
from idmf.core.services import save_with_history
from idmf.decisions.models import DecisionRecord, DecisionStep

DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo" / "decisions.json"
DEMO_REASON = "Demo data: drawn from the LLR Health Inequalities Framework"
STEP_KEYS = ("step1", "step2", "step3", "step5", "step6")
DATE_FIELDS = {"decision_date", "review_date"}


@transaction.atomic
def load_demo_decisions(*, author, assessment) -> None:
    for data in json.loads(DEMO_FILE.read_text(encoding="utf-8")):
        organisation = Organisation.objects.get(name=data["organisation"])
        if DecisionRecord.objects.filter(organisation=organisation, title=data["title"]).exists():
            continue
        record = DecisionRecord(
            organisation=organisation, title=data["title"], kind=data["kind"], created_by=author
        )
        for step in STEP_KEYS:
            for name, value in (data.get(step) or {}).items():
                if name in DATE_FIELDS:
                    value = datetime.date.fromisoformat(value)
                setattr(record, name, value)
        if data["completed_steps"] >= 4:
            record.assessment = assessment
        # Saved as it stands once its steps below are complete, in its history too (a complete
        # record's history is sealed from there: idmf.integrity.chain).
        record.steps_completed = data["completed_steps"]
        save_with_history(record, by=author, reason=DEMO_REASON)
        record.services.set(Service.objects.filter(name__in=data["service_names"]))
        completed_on = datetime.datetime(2021, 6, 8, 12, 0, tzinfo=datetime.UTC)
        for number in range(1, data["completed_steps"] + 1):
            step = DecisionStep(
                record=record, number=number, completed_at=completed_on, completed_by=author
            )
            save_with_history(step, by=author, reason=DEMO_REASON)
        for action in data.get("actions", []):
            done = Action(
                organisation=organisation,
                title=action["title"],
                owner=action["owner"],
                due_date=datetime.date.fromisoformat(action["due_date"]),
                status=Action.Status.DONE,
                source=record,
                created_by=author,
            )
            save_with_history(done, by=author, reason=DEMO_REASON)
