import factory

from assessments import services
from assessments.models import (
    Assessment,
    PersonResponsible,
    Stage1Answer,
    Stage1Question,
    Stage2Group,
    Stage2Impact,
)
from tests.core.factories import OrganisationRecordFactory


class AssessmentFactory(OrganisationRecordFactory):
    class Meta:
        model = Assessment

    title = factory.Sequence(lambda n: f"Assessment of proposal {n}")
    service_area = "Strategy & Planning"
    overview = "What we propose and why."


class PersonResponsibleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonResponsible

    assessment = factory.SubFactory(AssessmentFactory)
    name = factory.Faker("name")
    job_title = "Senior Strategic Development Manager"


def non_flagging_answer(question) -> str:
    """The answer to `question` that does not call for Stage 2."""
    return {"yes": "no", "no": "yes"}.get(question.stage2_trigger_answer, "yes")


def complete_stage1(assessment, *, flag: int | None = None):
    """Answer every question with a rationale; `flag` gives one question its flagging answer."""
    PersonResponsibleFactory(assessment=assessment)
    for question in Stage1Question.objects.all():
        answer = non_flagging_answer(question) if question.is_yes_no else ""
        if question.number == flag:
            answer = question.stage2_trigger_answer
        Stage1Answer.objects.create(
            assessment=assessment,
            question=question,
            answer=answer,
            rationale=f"Rationale for question {question.number}.",
        )
    return assessment


def complete_stage2(assessment, *, impact="neutral", outcome="no_major_change"):
    for group in Stage2Group.objects.all():
        Stage2Impact.objects.create(
            assessment=assessment,
            group=group,
            impact=impact,
            evidence="Local data shows no difference.",
            mitigation="Mitigate it.",
        )
    assessment.intersectional_impact = "Older people who are digitally excluded."
    assessment.outcome = outcome
    assessment.save()
    return assessment


def submitted(assessment, *, by):
    """Answer Stage 1 fully and submit."""
    complete_stage1(assessment)
    services.submit_assessment(assessment=assessment, by=by)
    assessment.refresh_from_db()
    return assessment


def approved(assessment, *, by, comment="The policy has been quality assured"):
    services.approve_assessment(
        assessment=assessment,
        comment=comment,
        approver_role="E&I Business Partner",
        by=by,
    )
    assessment.refresh_from_db()
    return assessment


def approved_assessment(organisation, *, author, approver, **fields):
    """An assessment of `organisation` written by `author`, submitted and approved."""
    made = AssessmentFactory(organisation=organisation, created_by=author, **fields)
    return approved(submitted(made, by=author), by=approver)
