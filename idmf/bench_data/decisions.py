"""IDMF decision records for bench data, each with its completed steps (step 4 linked to an
approved EHIIRA of its organisation) and perhaps the next step begun."""

import datetime
from collections.abc import Iterator

from django.db import models
from django.utils import timezone

from idmf.bench_data.draws import PUBLISHED_SHARE
from idmf.bench_data.history import Lifecycle, created
from idmf.bench_data.people import Org
from idmf.bench_data.words import BOARDS
from idmf.core.models import Role
from idmf.decisions import rules as decision_rules
from idmf.decisions.models import DecisionRecord, DecisionStep

# How many of the six steps decision records have completed (0 … 6).
STEP_WEIGHTS = [12, 14, 14, 13, 12, 10, 25]


class Decisions:
    """The builder's decision records: it notes each one's id on its organisation."""

    def _decisions(self) -> None:
        def parts(chunk):
            yield DecisionStep, (s for r in chunk for s in self._steps(r))

        def each(record):
            self.orgs_by_pk[record.organisation_id].decisions.append(record.pk)

        self._make(DecisionRecord, self._new_decision, self.sizes.decisions, parts=parts, each=each)

    def _new_decision(self, org: Org) -> DecisionRecord:
        """A record with `steps_completed` steps complete (step 4 needs an approved EHIIRA of
        its organisation, approved before the decision), and perhaps the next step begun."""
        rng, author = self.rng, org.user(Role.AUTHOR)
        done = rng.choices(range(7), weights=STEP_WEIGHTS)[0]
        if done >= 4 and not org.approved:
            done = 3
        record = DecisionRecord(
            organisation_id=org.pk,
            title=self.write.title(),
            kind=rng.choice(DecisionRecord.Kind.values),
            created_by_id=author,
        )
        if done >= 4:
            linked, approved_at = rng.choice(org.approved)
            earliest = max(self.start, approved_at - datetime.timedelta(days=180))
            created_at = self._between(earliest, approved_at)
            moments = self._moments(created_at, approved_at, 3) + self._moments(
                approved_at, min(self.now, approved_at + datetime.timedelta(days=365)), done - 3
            )
        else:
            linked = None
            created_at = self._between(self.start, self.now)
            latest = min(self.now, created_at + datetime.timedelta(days=365))
            moments = self._moments(created_at, latest, done)
        life = Lifecycle(record, at=created_at, by=author)
        for number, at in enumerate(moments, start=1):
            values = self._step_values(number, record, at, linked=linked, complete=True)
            life.change(
                at=at,
                by=author,
                reason=f"Step {number} completed",
                steps_completed=number,
                **values,
            )
        begun = done + 1
        if begun <= 6 and rng.random() < 0.5:
            if begun == 4 and org.assessments:
                linked = rng.choice(org.assessments)
            values = self._step_values(begun, record, life.last, linked=linked, complete=False)
            life.change(
                at=self._after(life.last, 30), by=author, reason=f"Step {begun} saved", **values
            )
        record._bench_moments = moments
        return record

    def _step_values(self, number, record, at, *, linked, complete) -> dict:
        """The fields step `number` fills: every text it asks for, and when it is complete,
        its choices and dates too (the decision, its date, the review date)."""
        write, rng = self.write, self.rng
        values = {
            name: write.text(100, 400)
            for name in decision_rules.STEP_FIELDS[number]
            if isinstance(DecisionRecord._meta.get_field(name), models.TextField)
            and name != "decision_justification"
        }
        if number == 1:
            groups = DecisionRecord.AffectedGroup.values
            values |= {
                "affected_groups": rng.sample(groups, rng.randint(1, len(groups))),
                "decision_owner": write.full_name(),
                "decision_body": rng.choice(BOARDS),
            }
        elif number == 4:
            values["assessment_id"] = linked
        elif number == 5 and complete:
            decided = timezone.localdate(at)
            values |= {
                "decision": rng.choice(DecisionRecord.Decision.values),
                "decision_justification": write.text(100, 300),
                "decided_by": rng.choice(BOARDS),
                "decision_date": decided,
                "minute_reference": f"{rng.choice(BOARDS)} {decided.year}/{rng.randint(1, 250)}",
            }
        elif number == 6 and (complete or rng.random() < 0.5):
            review = record.decision_date + datetime.timedelta(days=rng.randint(180, 730))
            values["review_date"] = review  # some are past: the review is overdue
            values["published"] = complete and rng.random() < PUBLISHED_SHARE
        return values

    def _steps(self, record) -> Iterator[DecisionStep]:
        for number, at in enumerate(record._bench_moments, start=1):
            notes = self.write.text(80, 300) if self.rng.random() < 0.4 else ""
            step = DecisionStep(
                record_id=record.pk,
                number=number,
                evidence_notes=notes,
                completed_at=at,
                completed_by_id=record.created_by_id,
            )
            yield created(step, at=at, by=record.created_by_id)
