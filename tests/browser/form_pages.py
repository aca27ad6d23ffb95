"""Every page of the site for the nothing-lost sweep (tests/browser/test_nothing_lost.py):
the form pages, each with who opens it and how to make a fresh URL of it, and the pages with
nothing typed to keep, each with why."""

from django.apps import apps
from django.urls import reverse

from assessments.report import section_order
from boardtool import services as board_services
from eds import lifecycle as eds_lifecycle
from eds.views.pages import PAGES as EDS_PAGES
from idmf.core.models import Membership, Organisation, Role
from idmf.demo import LLR_ICB
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.boardtool.factories import ReviewFactory, rate
from tests.core.factories import ActionFactory, OrganisationFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, choose, fully_graded, two_services
from tests.eds.factories import authorised as eds_authorised
from tests.evidence.factories import uptake_table

# Pages with no typed input of a record, and why they are left out.
NOT_FORM_PAGES = {
    "login": "passwords are never shown back",
    "password_change": "passwords are never shown back",
    "logout": "a button with nothing to type",
    "decisions:reopen": "a button with nothing to type, on a completed step",
    "eds:publish": "a button with nothing to type",
    "boardtool:pack_retry": "a button with nothing to type",
    "eds:unpublish": "a button with nothing to type",
    "record_publish": "a button with nothing to type",
    "invitation": "the join form holds passwords (tests/core/test_people.py checks the names "
    "are shown back); signed in, a button with nothing to type",
    "sso_start": "a redirect to the sign-in provider",
    "check_document": "one file to upload, nothing typed; a browser never lets a page fill a "
    "file field back in (tests/integrity/test_check_a_document.py checks each error)",
    "sso_callback": "where the sign-in provider sends people back",
    **dict.fromkeys(
        [
            "home",
            "healthz",
            "readyz",
            "metrics",
            "password_change_done",
            "organisation_list",
            "organisation_detail",
            "organisation_pdf",
            "organisation_history",
            "action_list",
            "action_history",
            "record_docx",
            "record_json",
            "register",
            "dashboard",
            "register_feed",
            "register_organisation",
            "register_system",
            "register_record",
            "register_pdf",
            "decisions:index",
            "decisions:overdue",
            "decisions:detail",
            "decisions:pdf",
            "decisions:history",
            "public_register",
            "public_record",
            "public_record_pdf",
            "assessments:index",
            "assessments:detail",
            "assessments:pdf",
            "assessments:history",
            "eds:index",
            "eds:detail",
            "eds:score_card",
            "eds:pdf",
            "eds:history",
            "eds:scoring",
            "eds:public_register",
            "eds:public_report",
            "eds:public_report_pdf",
            "boardtool:index",
            "boardtool:detail",
            "boardtool:scorecard",
            "boardtool:pdf",
            "boardtool:history",
            "boardtool:packs",
            "boardtool:pack",
            "boardtool:pack_download",
            "evidence:list",
            "evidence:detail",
            "evidence:template",
            "evidence:export",
            "evidence:history",
        ],
        "read-only, or a filter form that saves nothing",
    ),
}


class World:
    """Fresh records in the demo's LLR ICB, one set per button press."""

    def __init__(self):
        self.organisation = Organisation.objects.get(name=LLR_ICB)
        users = apps.get_model("auth", "User").objects
        self.author = users.get(username="author")
        self.approver = users.get(username="approver")

    def draft(self, **fields):
        return AssessmentFactory(organisation=self.organisation, created_by=self.author, **fields)

    def submitted(self):
        return submitted(self.draft(), by=self.author)

    def record_at(self, number):
        record = DecisionRecordFactory(organisation=self.organisation, created_by=self.author)
        complete_steps(record, *range(1, number))
        if number == 4:
            self.draft(title="An EHIIRA to link")
        return record

    def eds_report(self):
        """A draft with its Domain 1 services chosen, so each domain page has its fields."""
        report = EdsReportFactory(organisation=self.organisation, created_by=self.author)
        choose(report, two_services(self.organisation), by=self.author)
        return report

    def eds_authorised(self):
        report = self.eds_report()
        fully_graded(report, by=self.author)
        return eds_authorised(report, author=self.author, approver=self.approver)

    def eds_submitted(self):
        report = self.eds_report()
        fully_graded(report, by=self.author)
        return eds_lifecycle.submit_report(report=report, by=self.author)

    def review(self, state="draft"):
        review = ReviewFactory(organisation=self.organisation, created_by=self.author)
        if state != "draft":
            rate(review, {"K1P1": "assured"}, by=self.author)
            board_services.submit_review(review=review, by=self.author)
        if state == "approved":
            board_services.approve_review(review=review, by=self.approver)
        return review

    def organisation_to_set_up(self):
        organisation = OrganisationFactory(system=self.organisation.system)
        admin = apps.get_model("auth", "User").objects.get(username="orgadmin")
        Membership.objects.create(
            user=admin, organisation=organisation, role=Role.ORGANISATION_ADMIN
        )
        Membership.objects.create(user=UserFactory(), organisation=organisation, role=Role.VIEWER)
        return organisation

    def evidence_table(self):
        return uptake_table(self.organisation, by=self.author)

    def leaver_url(self):
        organisation = self.organisation_to_set_up()
        leaver = organisation.memberships.get(role=Role.VIEWER).user
        return reverse("close_account", args=[organisation.pk, leaver.pk])


# Each form page: who opens it, and how to make a fresh URL of it.
FORM_PAGES = {
    "assessments:new": [("author", lambda w: reverse("assessments:new"))],
    # Every section, Stage 2 included (the sections come from the reference data).
    "assessments:section": lambda: [
        (
            "author",
            lambda w, slug=slug: reverse(
                "assessments:section", args=[w.draft(stage2_requested=True).pk, slug]
            ),
        )
        for slug in section_order()
    ],
    "assessments:check": [("author", lambda w: reverse("assessments:check", args=[w.draft().pk]))],
    "assessments:approve": [
        ("approver", lambda w: reverse("assessments:approve", args=[w.submitted().pk]))
    ],
    "assessments:return": [
        ("approver", lambda w: reverse("assessments:return", args=[w.submitted().pk]))
    ],
    "assessments:new_version": [
        (
            "author",
            lambda w: reverse(
                "assessments:new_version", args=[approved(w.submitted(), by=w.approver).pk]
            ),
        )
    ],
    "decisions:new": [("author", lambda w: reverse("decisions:new"))],
    "decisions:step": [
        (
            "author",
            lambda w, number=number: reverse(
                "decisions:step", args=[w.record_at(number).pk, number]
            ),
        )
        for number in range(1, 7)
    ],
    "decisions:review": [
        ("author", lambda w: reverse("decisions:review", args=[w.record_at(7).pk]))
    ],
    "eds:new": [("author", lambda w: reverse("eds:new"))],
    "eds:page": lambda: [
        ("author", lambda w, slug=slug: reverse("eds:page", args=[w.eds_report().pk, slug]))
        for slug in EDS_PAGES
    ],
    "eds:check": [("author", lambda w: reverse("eds:check", args=[w.eds_report().pk]))],
    "eds:authorise": [
        ("approver", lambda w: reverse("eds:authorise", args=[w.eds_submitted().pk]))
    ],
    "eds:return": [("approver", lambda w: reverse("eds:return", args=[w.eds_submitted().pk]))],
    "eds:next_year": [("author", lambda w: reverse("eds:next_year", args=[w.eds_authorised().pk]))],
    "eds:new_version": [
        ("author", lambda w: reverse("eds:new_version", args=[w.eds_authorised().pk]))
    ],
    "boardtool:new": [("author", lambda w: reverse("boardtool:new"))],
    "boardtool:details": [("author", lambda w: reverse("boardtool:details", args=[w.review().pk]))],
    "boardtool:cell": [("author", lambda w: reverse("boardtool:cell", args=[w.review().pk, 7]))],
    "boardtool:check": [("author", lambda w: reverse("boardtool:check", args=[w.review().pk]))],
    "boardtool:approve": [
        ("approver", lambda w: reverse("boardtool:approve", args=[w.review("submitted").pk]))
    ],
    "boardtool:return": [
        ("approver", lambda w: reverse("boardtool:return", args=[w.review("submitted").pk]))
    ],
    "boardtool:pack_new": [("secretary", lambda w: reverse("boardtool:pack_new"))],
    "boardtool:new_version": [
        ("author", lambda w: reverse("boardtool:new_version", args=[w.review("approved").pk]))
    ],
    "action_detail": [
        (
            "author",
            lambda w: reverse(
                "action_detail",
                args=[ActionFactory(organisation=w.organisation, created_by=w.author).pk],
            ),
        )
    ],
    "notice_preferences": [("author", lambda w: reverse("notice_preferences"))],
    "evidence:new": [("author", lambda w: reverse("evidence:new"))],
    "evidence:settings": [
        ("orgadmin", lambda w: reverse("evidence:settings", args=[w.organisation.pk]))
    ],
    "evidence:details": [
        ("author", lambda w: reverse("evidence:details", args=[w.evidence_table().pk]))
    ],
    "evidence:figures": [
        ("author", lambda w: reverse("evidence:figures", args=[w.evidence_table().pk]))
    ],
    "evidence:next_period": [
        ("author", lambda w: reverse("evidence:next_period", args=[w.evidence_table().pk]))
    ],
    "evidence:upload": [
        ("author", lambda w: reverse("evidence:upload", args=[w.evidence_table().pk]))
    ],
    "organisation_setup": [
        ("orgadmin", lambda w: reverse("organisation_setup", args=[w.organisation_to_set_up().pk]))
    ],
    "invitations": [
        ("orgadmin", lambda w: reverse("invitations", args=[w.organisation_to_set_up().pk]))
    ],
    "close_account": [("orgadmin", lambda w: w.leaver_url())],
    "record_people": [
        (
            "author",
            lambda w: reverse("record_people", args=["assessments.assessment", w.draft().pk]),
        )
    ],
}
