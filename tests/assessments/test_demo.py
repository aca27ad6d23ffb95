"""The demo's assessment is the LLR Health Inequalities Framework."""

import datetime
import io

import pytest
from django.core.management import call_command

from assessments.models import Assessment

# Reads the reference data the migrations load, which a transactional test run before it on
# the same worker may have flushed away.
pytestmark = pytest.mark.usefixtures("reference_data")


def test_demo_assessment_is_the_llr_framework(client_for, db):
    call_command("load_demo", stdout=io.StringIO())
    assessment = Assessment.objects.get()
    assert (
        assessment.title
        == "Leicester, Leicestershire & Rutland (LLR) Health Inequalities Framework 2021 - 2024"
    )
    assert assessment.status == Assessment.Status.APPROVED
    assert assessment.approved_on == datetime.date(2021, 5, 28)
    assert assessment.answers.count() == 28
    assert assessment.answers.get(question_id=4).answer == "no"
    assert assessment.answers.get(question_id=7).rationale == ""
    assert list(assessment.people.values_list("name", flat=True)) == ["Steve McCue", "Mark Pierce"]
