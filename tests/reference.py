"""The reference data every tool's data migration loads (questions, outcomes, prompts,
dimensions). A transactional test's flush keeps its tables (`tables`, tests/databases.py);
`put_back` loads it again wherever it is missing all the same."""

from django.apps import apps

from assessments import reference as assessments
from assessments.models import Stage1Question
from boardtool import reference as boardtool
from eds import reference as eds
from idmf.evidence import reference as evidence

LOADED = [
    ("assessments", assessments),
    ("eds", eds),
    ("boardtool", boardtool),
    ("evidence", evidence),
]


def tables() -> set[str]:
    """The tables the reference data fills (they refer to no other)."""
    return {
        apps.get_model(label, name)._meta.db_table
        for label, module in LOADED
        for name, _ in module.FILES
    }


def put_back() -> None:
    if Stage1Question.objects.exists():
        return
    for _, module in LOADED:
        module.load_reference_data(apps.get_model)
