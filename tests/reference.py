"""The reference data every tool's data migration loads (questions, outcomes, prompts,
dimensions). A transactional test's flush removes it: `put_back` loads it again."""

from django.apps import apps

from assessments.models import Stage1Question
from assessments.reference import load_reference_data as load_assessments
from boardtool.reference import load_reference_data as load_boardtool
from eds.reference import load_reference_data as load_eds
from idmf.evidence.reference import load_reference_data as load_evidence


def put_back() -> None:
    if Stage1Question.objects.exists():
        return
    for load in (load_assessments, load_eds, load_boardtool, load_evidence):
        load(apps.get_model)
