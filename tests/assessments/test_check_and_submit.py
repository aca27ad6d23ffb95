"""Check your answers: every remaining problem named and linked to its question, and a
submit refused until none is left."""

from django.urls import reverse

from assessments.models import Assessment
from assessments.report import build_report
from tests.html import squashed


def test_submit_refused_names_every_missing_answer(client_for, cast, draft):
    response = client_for(cast.author).post(reverse("assessments:check", args=[draft.pk]))
    page = squashed(response.content.decode())
    assert "<title>Error: Check your answers" in page
    assert "There is a problem" in page
    for number in range(1, 28):
        assert f"Answer question {number}<" in page
        assert f"Give a rationale for question {number}<" in page
    section_1 = reverse("assessments:section", args=[draft.pk, "section-1"])
    assert f'href="{section_1}#id_q1-answer_0"' in page
    assert f'href="{section_1}#id_q1-rationale"' in page
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_check_your_answers_links_every_remaining_problem(client_for, cast, draft):
    page = (
        client_for(cast.author).get(reverse("assessments:check", args=[draft.pk])).content.decode()
    )
    report_problems = build_report(draft).problems
    assert f"{len(report_problems)} things to do before you can submit" in page
    section_1 = reverse("assessments:section", args=[draft.pk, "section-1"])
    assert f'<a href="{section_1}#id_q1-answer_0">Answer question 1</a>' in page
    people = reverse("assessments:section", args=[draft.pk, "people"])
    assert f'<a href="{people}#id_people-0-name">Add at least one person responsible</a>' in page
