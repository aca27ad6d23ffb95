"""Wording from the source documents, as they have it: nothing added to an official
question's words, and the EDS template's own description of Core20PLUS5's clinical areas."""

import re

from django.urls import reverse

from tests.assessments.factories import AssessmentFactory
from tests.eds.factories import EdsReportFactory


def words(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_question_28_ends_where_the_template_does_and_is_marked_optional_in_its_hint(
    client_for, cast
):
    draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    page = words(
        client_for(cast.author).get(reverse("assessments:section", args=[draft.pk, "section-4"]))
    )
    label = "28. Further comments from individual / team drafting this assessment:"
    assert f"{label}</label>" in page
    assert f"{label} (optional)" not in page
    hint = page.split(f"{label}</label>")[1].split("</div>")[0]
    assert 'class="nhsuk-hint"' in hint and "Optional" in hint


def test_the_core20plus5_hint_is_the_templates(client_for, cast):
    report = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    page = words(client_for(cast.author).get(reverse("eds:page", args=[report.pk, "services"])))
    assert (
        "within one of the five clinical priority areas (Maternity, Mental Health, "
        "Respiratory, Cardiovascular or Cancer)" in page
    )
