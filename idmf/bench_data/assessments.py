"""Assessments (EHIIRAs) for bench data, each taken as far as its status (drafted,
submitted, returned or approved, perhaps published) with its parts: its Stage 1 answers,
the person responsible and, for a few, every group's Stage 2 impact."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from assessments.models import (
    Assessment,
    PersonResponsible,
    Stage1Answer,
    Stage2Impact,
)
from idmf.bench_data.draws import PUBLISHED_SHARE, weighted
from idmf.bench_data.history import Lifecycle, created
from idmf.bench_data.people import Org
from idmf.bench_data.words import APPROVER_ROLE, JOB_TITLES
from idmf.core.models import Role, person_name

Status = Assessment.Status
ASSESSMENT_STATUSES = {
    Status.DRAFT: 35,
    Status.SUBMITTED: 15,
    Status.RETURNED: 5,
    Status.APPROVED: 45,
}
OUTCOMES = {"no_major_change": 60, "adjust": 28, "continue": 8, "stop": 4}
STAGE2_SHARE = 0.04  # of submitted, returned and approved assessments
IMPACTS = {"positive": 25, "neutral": 30, "negative": 15, "not_known": 10, "none": 20}


@dataclass(frozen=True)
class AssessmentPlan:
    """What an assessment's parts will be: its answers, its Stage 2 and when they were saved."""

    answered: int
    answered_at: datetime.datetime
    stage2_at: datetime.datetime | None = None
    trigger: int | None = None  # the question whose answer requires Stage 2


class Assessments:
    """The builder's assessments, against the EHIIRA's reference data it has read: its
    `questions`, Stage 2 `groups` and the numbers of the questions that can trigger it
    (`triggers`)."""

    def _assessments(self) -> None:
        def parts(chunk):
            yield Stage1Answer, (a for x in chunk for a in self._answers(x))
            yield PersonResponsible, map(self._person, chunk)
            yield Stage2Impact, (i for x in chunk for i in self._impacts(x))

        def each(assessment):
            org = self.orgs_by_pk[assessment.organisation_id]
            org.assessments.append(assessment.pk)
            if assessment.status == Status.APPROVED:
                org.approved.append((assessment.pk, assessment.approved_at))

        self._make(Assessment, self._new_assessment, self.sizes.assessments, parts=parts, each=each)

    def _new_assessment(self, org: Org) -> Assessment:
        """An assessment taken as far as its status, with the plan of its parts."""
        rng, write = self.rng, self.write
        status = weighted(rng, ASSESSMENT_STATUSES)
        author = org.user(Role.AUTHOR)
        assessment = Assessment(
            organisation_id=org.pk,
            title=write.title(),
            service_area=rng.choice(org.services),
            overview=write.text(300, 900),
            created_by_id=author,
        )
        life = Lifecycle(assessment, at=self._between(self.start, self.now), by=author)
        if status == Status.DRAFT:
            answered = rng.randint(0, 10)
            plan = AssessmentPlan(answered, self._after(life.last, 60))
            if answered:
                life.change(at=plan.answered_at, by=author, reason="Stage 1 answers saved")
            assessment._bench_plan = plan
            return assessment
        submitted = self._after(life.last, 45, at_least=1)
        answered_at = self._between(life.last, submitted)
        plan = AssessmentPlan(len(self.questions), answered_at)
        life.change(at=answered_at, by=author, reason="Stage 1 answers saved")
        if rng.random() < STAGE2_SHARE:
            # One answer requires Stage 2: every group's impact, and the intersectional one.
            stage2_at = self._between(answered_at, submitted)
            plan = AssessmentPlan(plan.answered, answered_at, stage2_at, rng.choice(self.triggers))
            life.change(
                at=stage2_at,
                by=author,
                reason="Stage 2 impacts saved",
                intersectional_impact=write.text(200, 600),
            )
        assessment._bench_plan = plan
        outcome = weighted(rng, OUTCOMES)
        justification = write.text(150, 500) if outcome == "continue" else ""
        life.change(
            at=self._between(life.last, submitted),
            by=author,
            reason="Overall outcome saved",
            outcome=outcome,
            outcome_justification=justification,
        )
        life.change(
            at=submitted,
            by=author,
            reason="Submitted for approval",
            status=Status.SUBMITTED,
            submitted_at=submitted,
        )
        if status != Status.SUBMITTED:
            self._review_assessment(life, org, status)
        return assessment

    def _review_assessment(self, life: Lifecycle, org: Org, status: str) -> None:
        """The approver returns or approves it; some approved ones are then published."""
        approver = org.users[Role.APPROVER]
        at = self._after(life.last, 21)
        if status == Status.RETURNED:
            comment = f"Please strengthen the evidence: {self.write.sentence().lower()}"
            life.change(
                at=at,
                by=approver.pk,
                reason=f"Returned to the author: {comment[:150]}",
                status=status,
                return_comment=comment,
            )
            return
        life.change(
            at=at,
            by=approver.pk,
            reason="Approved",
            status=status,
            approver_comment=self.write.text(60, 200),
            approver_name=person_name(approver),
            approver_role=APPROVER_ROLE,
            approved_by_id=approver.pk,
            approved_at=at,
            approved_on=timezone.localdate(at),
        )
        self._perhaps_publish(life, by=org.user(Role.ORGANISATION_ADMIN), share=PUBLISHED_SHARE)

    def _answer(self, question, plan: AssessmentPlan, draft: bool) -> str:
        if not question.is_yes_no:
            return ""
        trigger = question.stage2_trigger_answer
        if draft or not trigger:
            return "yes" if self.rng.random() < 0.6 else "no"
        if question.number == plan.trigger:
            return trigger
        return "no" if trigger == "yes" else "yes"

    def _answers(self, assessment) -> Iterator[Stage1Answer]:
        plan, draft = assessment._bench_plan, assessment.status == Status.DRAFT
        for question in self.questions[: plan.answered]:
            answer = Stage1Answer(
                assessment_id=assessment.pk,
                question_id=question.pk,
                answer=self._answer(question, plan, draft),
                rationale=self.write.text(80, 300),
            )
            yield created(answer, at=plan.answered_at, by=assessment.created_by_id)

    def _person(self, assessment) -> PersonResponsible:
        person = PersonResponsible(
            assessment_id=assessment.pk,
            name=self.write.full_name(),
            job_title=self.rng.choice(JOB_TITLES),
        )
        return created(person, at=assessment.created_at, by=assessment.created_by_id)

    def _impacts(self, assessment) -> Iterator[Stage2Impact]:
        plan = assessment._bench_plan
        if plan.stage2_at is None:
            return
        for group in self.groups:
            impact = weighted(self.rng, IMPACTS)
            mitigation = self.write.text(80, 300) if impact == "negative" else ""
            row = Stage2Impact(
                assessment_id=assessment.pk,
                group_id=group,
                impact=impact,
                evidence=self.write.text(80, 300),
                mitigation=mitigation,
            )
            yield created(row, at=plan.stage2_at, by=assessment.created_by_id)
