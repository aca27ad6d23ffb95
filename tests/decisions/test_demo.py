"""The demo's decision records: the LLR framework, all six steps complete, and FreeStyle
Libre, three."""

import io

from django.core.management import call_command

from idmf.decisions.models import DecisionRecord


def test_demo_records(db):
    call_command("load_demo", stdout=io.StringIO())
    framework = DecisionRecord.objects.get(title__startswith="Leicester, Leicestershire & Rutland")
    assert framework.steps.filter(completed_at__isnull=False).count() == 6
    assert framework.assessment.status == "approved"
    libre = DecisionRecord.objects.get(title__contains="FreeStyle Libre")
    assert libre.steps.filter(completed_at__isnull=False).count() == 3
    assert "29%" in libre.uptake_data and "39%" in libre.uptake_data
    assert "14%" in libre.uptake_data and "38%" in libre.uptake_data
