"""The Stage 1 questionnaire as the source document words it (seed 004, appendix 3)."""

import pytest

from assessments.models import Stage1Question, Stage1Section, Stage2Group

# Reads the reference data the migrations load, which a transactional test run before it on
# the same worker may have flushed away.
pytestmark = pytest.mark.usefixtures("reference_data")


def test_twenty_eight_questions_in_four_sections(db):
    sections = {s.number: s for s in Stage1Section.objects.all()}
    assert [s.title for s in sections.values()] == [
        "Section one: equality impact",
        "Section two: equality risk",
        "Section three: human rights impact",
        "Section four: Assessment Comments",
    ]
    numbers = {
        n: list(Stage1Question.objects.filter(section__number=n).values_list("number", flat=True))
        for n in sections
    }
    assert numbers == {
        1: list(range(1, 11)),
        2: list(range(11, 19)),
        3: list(range(19, 28)),
        4: [28],
    }


def test_wording_is_exact(db):
    text = dict(Stage1Question.objects.values_list("number", "text"))
    assert text[1] == (
        "Will this (decision / proposal / change) affect / impact on people in any way? "
        "(e.g. population, patients, carers, staff)?"
    )
    assert text[9] == (
        "Will this (decision / proposal / change) have any positive effect / impact in "
        "reducing health inequalities?"
    )
    assert text[22] == (
        "Is there any concern that Article 6: Right to a fair trial or hearing (this includes "
        "right to fair assessment, interview or investigation) may be breached?"
    )
    assert text[28] == "Further comments from individual / team drafting this assessment:"


def test_human_rights_questions_name_their_article(db):
    articles = dict(
        Stage1Question.objects.filter(section__number=3).values_list("number", "article")
    )
    assert articles[19] == "Article 2: Right to life"
    assert articles[25] == "Article 10: Right to freedom of expression"
    assert all(articles.values())


def test_which_answers_flag_stage2_is_data(db):
    triggers = dict(
        Stage1Question.objects.exclude(stage2_trigger_answer="").values_list(
            "number", "stage2_trigger_answer"
        )
    )
    assert triggers == {4: "yes", 7: "yes", 10: "yes", 17: "no"} | dict.fromkeys(
        range(19, 28), "yes"
    )


def test_stage2_groups(db):
    protected = list(Stage2Group.objects.filter(kind="protected").values_list("name", flat=True))
    assert protected == [
        "Age",
        "Disability",
        "Gender reassignment",
        "Marriage and civil partnership",
        "Pregnancy and maternity",
        "Race",
        "Religion or belief",
        "Sex",
        "Sexual orientation",
    ]
    inclusion = set(Stage2Group.objects.filter(kind="inclusion").values_list("name", flat=True))
    assert {"Carers", "Refugees and asylum seekers", "Digitally excluded people"} <= inclusion
