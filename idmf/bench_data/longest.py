"""The longest EHIIRA a person can write: every Stage 1 answer 10,000 characters, 100 people
responsible and 60 actions. Its PDF is the slowest to make (bench/pdf.py times it; the
serving test makes it while the site answers)."""

from datetime import date

ANSWER = ("Evidence from the equality audit and the engagement events. " * 170)[:10_000]


def fill_to_the_longest(assessment, *, by) -> None:
    """Give `assessment` (a draft with no answers yet) the longest answers, people and
    actions, written by `by`."""
    from assessments.models import PersonResponsible, Stage1Answer, Stage1Question
    from idmf.actions.models import Action

    Stage1Answer.objects.bulk_create(
        Stage1Answer(assessment=assessment, question=q, answer="yes", rationale=ANSWER)
        for q in Stage1Question.objects.all()
    )
    PersonResponsible.objects.bulk_create(
        PersonResponsible(assessment=assessment, name=f"Person {n}", job_title="Analyst", order=n)
        for n in range(100)
    )
    Action.objects.bulk_create(
        Action(
            organisation=assessment.organisation,
            source=assessment,
            title=f"Action {n} " * 20,
            owner="Head of patient experience",
            due_date=date(2027, 3, 31),
            created_by=by,
        )
        for n in range(60)
    )
