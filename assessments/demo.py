"""The demo EHIIRA: the LLR Health Inequalities Framework 2021–2024, approved on
28 May 2021, with every answer as the source document gives it."""

import datetime
import json

from django.conf import settings
from django.db import transaction

from assessments.models import Assessment, PersonResponsible, Stage1Answer
from idmf.core.models import Organisation
from idmf.core.services import save_with_history

DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo" / "ehiira_llr.json"
LLR_ICB = "NHS Leicester, Leicestershire and Rutland Integrated Care Board"
REASON = "Demo data: transcribed from the LLR Health Inequalities Framework"


@transaction.atomic
def load_llr_framework_assessment(*, author) -> Assessment:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    organisation = Organisation.objects.get(name=LLR_ICB)
    existing = Assessment.objects.filter(organisation=organisation, title=data["title"]).first()
    if existing:
        return existing
    approval = data["approval"]
    assessment = Assessment(
        organisation=organisation,
        title=data["title"],
        service_area=data["service_area"],
        overview=data["overview"],
        status=Assessment.Status.APPROVED,
        approver_comment=approval["comment"],
        approver_name=approval["name"],
        approver_role=approval["role"],
        approved_on=datetime.date.fromisoformat(approval["date"]),
        created_by=author,
        created_at=datetime.datetime(2021, 5, 17, 9, 0, tzinfo=datetime.UTC),
        submitted_at=datetime.datetime(2021, 5, 21, 9, 0, tzinfo=datetime.UTC),
        # The ICB published it with the framework.
        published_at=datetime.datetime(2021, 6, 1, 9, 0, tzinfo=datetime.UTC),
    )
    parts = [assessment]
    assessment.save()
    for order, person in enumerate(data["people_responsible"]):
        parts.append(PersonResponsible(assessment=assessment, order=order, **person))
    for answer in data["answers"]:
        parts.append(
            Stage1Answer(
                assessment=assessment,
                question_id=answer["number"],
                answer=answer["answer"],
                rationale=answer["rationale"],
            )
        )
    parts.append(Stage1Answer(assessment=assessment, question_id=28, rationale=data["comments"]))
    for part in parts:
        save_with_history(part, by=author, reason=REASON)
    return assessment
