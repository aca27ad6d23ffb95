"""One EDS report and one board assurance review per organisation for bench data, each
taken as far as its status (drafted, submitted, then authorised or approved, perhaps
published)."""

import datetime

from django.db import transaction
from django.utils import timezone

from boardtool.models import Review
from eds.models import EdsReport
from idmf.bench_data.draws import weighted
from idmf.bench_data.history import Lifecycle
from idmf.bench_data.people import Org
from idmf.bench_data.words import BOARDS
from idmf.core.dates import nhs_date
from idmf.core.models import Role, person_name

EDS_STATUSES = {"draft": 40, "submitted": 15, "authorised": 15, "published": 30}
REVIEW_STATUSES = {"draft": 40, "submitted": 20, "approved": 40}


class EdsAndBoard:
    """The builder's EDS reports and board assurance reviews, one of each per organisation."""

    def _submitted(self, life: Lifecycle, status: str, *, by, reason, at_least: float):
        """Submit a report past draft (`status` is where it ends), `at_least` to 60 days
        after it was begun: when it was submitted (None for a draft)."""
        if status == "draft":
            return None
        at = self._after(life.last, 60, at_least=at_least)
        life.change(at=at, by=by, reason=reason, status="submitted", submitted_at=at)
        return at

    def _eds_reports(self) -> None:
        first = self.today.year - (1 if self.today.month >= 4 else 2)
        year = f"{first}/{(first + 1) % 100:02d}"  # the last complete reporting year
        with transaction.atomic():
            self._insert_all(EdsReport, (self._eds_report(org, year) for org in self.orgs))

    def _eds_report(self, org: Org, year: str) -> EdsReport:
        status, write = weighted(self.rng, EDS_STATUSES), self.write
        author, approver = org.user(Role.AUTHOR), org.users[Role.APPROVER]
        sponsor = write.full_name()
        report = EdsReport(
            organisation_id=org.pk,
            year=year,
            board_sponsor=sponsor,
            eds_lead=write.full_name(),
            completed_actions=write.text(200, 600),
            created_by_id=author,
        )
        life = Lifecycle(report, at=self._days_ago(240, 150), by=author)
        at = self._submitted(
            life, status, by=author, reason="Submitted for authorisation", at_least=30
        )
        if status in ("draft", "submitted"):
            return report
        at = self._after(at, 30)
        life.change(
            at=at,
            by=approver.pk,
            reason="Authorised",
            status="authorised",
            authorised_by_id=approver.pk,
            authoriser_name=person_name(approver),
            authorised_at=at,
            authorisation_date=nhs_date(timezone.localdate(at)),
            authorised_on_behalf_of=sponsor,
            years_active=year,
        )
        if status == "published":
            at = self._after(at, 30)
            life.change(at=at, by=approver.pk, reason="Published", status=status, published_at=at)
        return report

    def _board_reviews(self) -> None:
        with transaction.atomic():
            self._insert_all(Review, map(self._board_review, self.orgs))

    def _board_review(self, org: Org) -> Review:
        rng, status = self.rng, weighted(self.rng, REVIEW_STATUSES)
        author, approver = org.user(Role.BOARD_SECRETARY), org.users[Role.APPROVER]
        meeting = self.today + datetime.timedelta(days=rng.randint(-120, 60))
        kind = rng.choice(Review.Subject.values)
        review = Review(
            organisation_id=org.pk,
            subject_kind=kind,
            subject="" if kind == Review.Subject.ORGANISATION else self.write.title(),
            board=rng.choice(BOARDS),
            meeting_date=meeting,
            sro=self.write.full_name(),
            created_by_id=author,
        )
        life = Lifecycle(review, at=self._days_ago(180, 100), by=author)
        at = self._submitted(life, status, by=author, reason="Submitted for approval", at_least=20)
        if status == "approved":
            at = self._after(at, 20)
            life.change(
                at=at,
                by=approver.pk,
                reason="Approved",
                status=status,
                approved_by_id=approver.pk,
                approver_name=person_name(approver),
                approved_at=at,
            )
            self._perhaps_publish(life, by=author, share=0.5)
        return review
