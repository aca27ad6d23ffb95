"""The permission matrix: every URL pattern × every member of the fixed cast × each record
state, GET and POST, against one declarative table of what each should get.

A URL with no row in `MATRIX` fails `test_every_url_has_a_row`. Every response to someone
outside the other system is also checked for the other system's organisation and records:
none of it may appear.

Outcomes: "ok" (200, or a redirect that is not to the login page), "login" (a redirect to
it), 403, 404, 405.

Shared access: every record of every tool the table makes is shared with two people of a
partner organisation in our system (viewers there, who otherwise see none of our
organisation's records): `co_author` may edit it, `reader` may read it. Neither may approve
it, add colleagues to it, or see our organisation's other pages. `test_shared_access_by_role`
shows what sharing adds for each role of our own organisation.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from idmf.core.models import Role, Share
from idmf.people import services as people_services
from idmf.people.models import Invitation
from idmf.publishing import services as publishing
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.boardtool.factories import ReviewFactory, pack_in, rate
from tests.core.factories import ActionFactory, MembershipFactory, UserFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, authorised, fully_graded

ACTORS = [
    "anonymous",
    "viewer",
    "author",
    "approver",
    "board_secretary",
    "organisation_admin",
    "system_member",
    "outsider",
    "no_membership",
    "co_author",
    "reader",
    "superuser",
]
MEMBERS = {"viewer", "author", "approver", "board_secretary", "organisation_admin"}
SHARED = {"co_author", "reader"}
READERS = MEMBERS | SHARED | {"system_member", "superuser"}
EDITORS = {"author", "co_author", "superuser"}
# Those who find nothing of our organisation but its records shared with them.
NOT_OURS = {"outsider", "no_membership"}
SECRET = "Secret work of the other system"


def rule(default, **by_actor):
    """What each actor gets: `by_actor`, else `default`."""
    return lambda actor, state: by_actor.get(actor, default)


def everyone(outcome):
    return rule(outcome)


# What a logged-in page gives: anonymous visitors are sent to log in.
def logged_in(outcome="ok", **by_actor):
    return rule(outcome, anonymous="login", **by_actor)


def record_page(allowed=READERS, member_gets=403, outcome="ok", outsiders=NOT_OURS):
    """A record's page: `allowed` get `outcome`; other members 403; outsiders never learn
    it exists (404)."""

    def decide(actor, state):
        if actor == "anonymous":
            return "login"
        if actor in outsiders:
            return 404
        if actor in allowed:
            return outcome(state) if callable(outcome) else outcome
        return member_gets

    return decide


def organisation_page(allowed=MEMBERS | {"system_member", "superuser"}):
    """A page of our organisation (or of one of its actions or packs), which a record shared
    with a partner does not open to them."""
    return record_page(allowed=allowed, outsiders=NOT_OURS | SHARED)


def creator_page():
    """A "start a new record" page: anyone who may edit somewhere (the outsider edits in
    their own organisation)."""
    return logged_in(403, author="ok", superuser="ok", outsider="ok")


def editable_in(*states):
    return lambda state: "ok" if state in states else 403


def _shared(made, cast):
    """Share the record with the partner co-author and reader (as the table's preamble says)."""
    for person, access in [(cast.co_author, Share.Access.EDIT), (cast.reader, Share.Access.VIEW)]:
        Share.objects.create(record=made, user=person, access=access, added_by=cast.author)
    return made


def _assessment(cast, state):
    made = _shared(AssessmentFactory(organisation=cast.organisation, created_by=cast.author), cast)
    if state in {"submitted", "approved"}:
        submitted(made, by=cast.author)
    if state == "approved":
        approved(made, by=cast.approver)
    return made


def _decision(cast, state):
    made = _shared(
        DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author), cast
    )
    if state == "in_progress":
        complete_steps(made, 1)
    if state == "complete":
        complete_steps(made, 1, 2, 3, 4, 5, 6)
        made.published = True
        made.save()
    return made


def _eds_report(cast, state):
    from eds import lifecycle

    made = _shared(EdsReportFactory(organisation=cast.organisation, created_by=cast.author), cast)
    fully_graded(made, by=cast.author)
    if state == "submitted":
        lifecycle.submit_report(report=made, by=cast.author)
    if state in {"authorised", "published"}:
        authorised(made, author=cast.author, approver=cast.approver)
    if state == "published":
        lifecycle.publish_report(report=made, by=cast.approver)
    return made


EDS_STATES = ["draft", "submitted", "authorised", "published"]
EDS_DRAFTERS = {"author", "approver", "co_author", "superuser"}  # the EDS lead's team
EDS_APPROVERS = {"approver", "superuser"}


def eds_url(name, *extra):
    return lambda cast, state: reverse(f"eds:{name}", args=[_eds_report(cast, state).pk, *extra])


def in_states(*states):
    return lambda state: "ok" if state in states else 403


def public_eds(actor, state):
    return "ok" if state == "published" else 404


def _review(cast, state):
    from boardtool import services

    made = _shared(ReviewFactory(organisation=cast.organisation, created_by=cast.author), cast)
    if state in {"submitted", "approved"}:
        rate(made, {"K1P1": "assured"}, by=cast.author)
        services.submit_review(review=made, by=cast.author)
    if state == "approved":
        services.approve_review(review=made, by=cast.approver)
    return made


REVIEW_STATES = ["draft", "submitted", "approved"]
PACK_STATES = ["queued", "failed", "done"]
PACK_BUILDERS = {"board_secretary", "organisation_admin", "superuser"}
PACK_BUILDERS_PAGE = logged_in(403, board_secretary="ok", organisation_admin="ok", superuser="ok")


def pack_url(name):
    return lambda cast, state: reverse(
        f"boardtool:{name}", args=[pack_in(cast.organisation, state=state, by=cast.author).pk]
    )


def review_url(name, *extra):
    return lambda cast, state: reverse(f"boardtool:{name}", args=[_review(cast, state).pk, *extra])


ASSESSMENT_STATES = ["draft", "submitted", "approved"]
DECISION_STATES = ["in_progress", "complete"]


def assessment_url(name, *extra):
    return lambda cast, state: reverse(
        f"assessments:{name}", args=[_assessment(cast, state).pk, *extra]
    )


def decision_url(name, *extra):
    return lambda cast, state: reverse(
        f"decisions:{name}", args=[_decision(cast, state).pk, *extra]
    )


def organisation_url(name):
    return lambda cast, state: reverse(name, args=[cast.organisation.pk])


def plain(name):
    return lambda cast, state: reverse(name)


def action_url(name):
    """An action of our organisation; in state "owned" its owner's account is the viewer's
    (who may then update it, as the authors may)."""

    def make(cast, state):
        assignee = cast.viewer if state == "owned" else None
        action = ActionFactory(
            organisation=cast.organisation, created_by=cast.author, assignee=assignee
        )
        return reverse(name, args=[action.pk])

    return make


def action_updaters(actor, state):
    allowed = {"author", "superuser"} | ({"viewer"} if state == "owned" else set())
    return organisation_page(allowed=allowed)(actor, state)


DOWNLOAD_STATES = [
    ("assessments.assessment", "draft"),
    ("assessments.assessment", "approved"),
    ("decisions.decisionrecord", "in_progress"),
    ("eds.edsreport", "draft"),
    ("eds.edsreport", "published"),
    ("boardtool.review", "approved"),
]


def download_url(name):
    """A record of each kind, in a draft and a final state, as Word or JSON."""
    makers = {
        "assessments.assessment": _assessment,
        "decisions.decisionrecord": _decision,
        "eds.edsreport": _eds_report,
        "boardtool.review": _review,
    }

    def make(cast, state):
        kind, record_state = state
        return reverse(name, args=[kind, makers[kind](cast, record_state).pk])

    return make


REGISTER_STATES = [
    ("assessments.assessment", "approved"),
    ("assessments.assessment", "published"),
    ("boardtool.review", "approved"),
    ("boardtool.review", "published"),
    ("eds.edsreport", "authorised"),
    ("eds.edsreport", "published"),
    ("decisions.decisionrecord", "in_progress"),
    ("decisions.decisionrecord", "complete"),  # complete and marked published
]


def _on_register(cast, kind, state):

    if kind == "assessments.assessment":
        made = _assessment(cast, "approved")
        if state == "published":
            publishing.set_published(made, published=True, by=cast.approver)
    elif kind == "boardtool.review":
        made = _review(cast, "approved")
        if state == "published":
            publishing.set_published(made, published=True, by=cast.approver)
    elif kind == "eds.edsreport":
        made = _eds_report(cast, state)
    else:
        made = _decision(cast, state)
    return made


def register_url(name):
    def make(cast, state):
        kind, record_state = state
        return reverse(name, args=[kind, _on_register(cast, kind, record_state).pk])

    return make


def on_register(actor, state):
    """Anyone, logged in or not, reads what is published; nothing else is found. A tool with
    its own public page (EDS reports, decisions) is sent there."""
    return "ok" if state[1] in {"published", "complete"} else 404


PUBLISH_STATES = [
    ("assessments.assessment", "draft"),
    ("assessments.assessment", "approved"),
    ("boardtool.review", "approved"),
]


def publish_url(cast, state):
    kind, record_state = state
    made = (_assessment if kind == "assessments.assessment" else _review)(cast, record_state)
    return reverse("record_publish", args=[kind, made.pk])


def publish_rule(actor, state):
    """Approvers and admins choose (an approved record); others 403; outsiders 404."""
    return record_page(
        allowed={"approver", "organisation_admin", "superuser"},
        outcome="ok" if state[1] == "approved" else 403,
    )(actor, state)


def approver_may(state):
    return "ok" if state == "submitted" else 403


def reviewable(done=None):
    """Approve and return: approvers who did not write it, while it waits; pressing the
    button again once it is `done` is told so (a redirect)."""

    def decide(actor, state):
        if actor == "anonymous":
            return "login"
        if actor in {"outsider", "no_membership"}:
            return 404
        if actor in {"approver", "superuser"}:
            return "ok" if state == done else approver_may(state)
        return 403

    return decide


def new_version_post(state):
    return "ok" if state == "approved" else 403


def step_post(state):
    return "ok" if state == "in_progress" else 403


def review_page(state):
    return "ok" if state == "complete" else 403


ADMINS_PAGE = organisation_page(allowed={"organisation_admin", "superuser"})
INVITATION_STATES = ["waiting", "expired", "revoked"]


def invitation_url(cast, state):
    invitation, token = people_services.invite(
        organisation=cast.organisation,
        email=f"invited.{Invitation.objects.count()}@nhs.net",
        role="author",
        by=cast.organisation_admin,
    )
    if state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    if state == "revoked":
        people_services.revoke_invitation(invitation=invitation, by=cast.organisation_admin)
    return reverse("invitation", args=[token])


PEOPLE_STATES = DOWNLOAD_STATES + [
    ("eds.edsreport", "submitted"),
    ("boardtool.review", "draft"),
    ("decisions.decisionrecord", "complete"),
]
DRAFT_STATES = {"draft", "in_progress"}


def people_adders(actor, state):
    """Adding colleagues to a record: its own team (an EDS report's approvers too), while
    it is a draft; a co-author is not one of them."""
    kind, record_state = state
    team = {"author", "superuser"} | ({"approver"} if kind == "eds.edsreport" else set())
    outcome = "ok" if record_state in DRAFT_STATES else 403
    return record_page(allowed=team, outcome=outcome)(actor, state)


# url name: (states, url maker, {method: rule})
MATRIX = {
    "home": ([None], plain("home"), {"GET": logged_in()}),
    "healthz": ([None], plain("healthz"), {"GET": everyone("ok"), "POST": everyone(405)}),
    "login": ([None], plain("login"), {"GET": everyone("ok")}),
    "logout": ([None], plain("logout"), {"POST": everyone("login")}),
    "password_change": ([None], plain("password_change"), {"GET": logged_in()}),
    "password_change_done": ([None], plain("password_change_done"), {"GET": logged_in()}),
    "organisation_list": ([None], plain("organisation_list"), {"GET": logged_in()}),
    "organisation_detail": (
        [None],
        organisation_url("organisation_detail"),
        {"GET": organisation_page()},
    ),
    "organisation_pdf": (
        [None],
        organisation_url("organisation_pdf"),
        {"GET": organisation_page()},
    ),
    "organisation_history": (
        [None],
        organisation_url("organisation_history"),
        {"GET": organisation_page()},
    ),
    "organisation_setup": (
        [None],
        organisation_url("organisation_setup"),
        {"GET": ADMINS_PAGE, "POST": ADMINS_PAGE},
    ),
    "invitations": (
        [None],
        organisation_url("invitations"),
        {"GET": ADMINS_PAGE, "POST": ADMINS_PAGE},
    ),
    "close_account": (
        [None],
        lambda cast, state: reverse("close_account", args=[cast.organisation.pk, cast.viewer.pk]),
        # A press without a reason is shown back with its error.
        {"GET": ADMINS_PAGE, "POST": ADMINS_PAGE},
    ),
    "invitation": (
        INVITATION_STATES,
        invitation_url,
        # Anyone with the link reads what it offers, or why it cannot be accepted.
        {"GET": everyone("ok"), "POST": everyone("ok")},
    ),
    "record_people": (
        PEOPLE_STATES,
        download_url("record_people"),
        {"GET": record_page(), "POST": people_adders},
    ),
    # Single sign-on is not set up for the matrix (tests/core/test_sso.py sets it up).
    "sso_start": ([None], plain("sso_start"), {"GET": everyone(404)}),
    "sso_callback": ([None], plain("sso_callback"), {"GET": everyone(404)}),
    "action_list": ([None], plain("action_list"), {"GET": logged_in()}),
    "notice_preferences": (
        [None],
        plain("notice_preferences"),
        {"GET": logged_in(), "POST": logged_in()},
    ),
    "record_docx": (DOWNLOAD_STATES, download_url("record_docx"), {"GET": record_page()}),
    "record_json": (DOWNLOAD_STATES, download_url("record_json"), {"GET": record_page()}),
    "action_detail": (
        ["unowned", "owned"],
        action_url("action_detail"),
        {"GET": organisation_page(), "POST": action_updaters},
    ),
    "action_history": (
        ["unowned", "owned"],
        action_url("action_history"),
        {"GET": organisation_page()},
    ),
    "decisions:index": ([None], plain("decisions:index"), {"GET": logged_in()}),
    "decisions:overdue": ([None], plain("decisions:overdue"), {"GET": logged_in()}),
    "decisions:new": (
        [None],
        plain("decisions:new"),
        {"GET": creator_page(), "POST": creator_page()},
    ),
    "decisions:detail": (DECISION_STATES, decision_url("detail"), {"GET": record_page()}),
    "decisions:step": (
        DECISION_STATES,
        decision_url("step", 2),
        {"GET": record_page(), "POST": record_page(allowed=EDITORS, outcome=step_post)},
    ),
    "decisions:reopen": (
        DECISION_STATES,
        decision_url("reopen", 1),
        {"POST": record_page(allowed=EDITORS, outcome=step_post)},
    ),
    "decisions:review": (
        DECISION_STATES,
        decision_url("review"),
        {
            "GET": record_page(allowed=EDITORS, outcome=review_page),
            "POST": record_page(allowed=EDITORS, outcome=review_page),
        },
    ),
    "decisions:pdf": (DECISION_STATES, decision_url("pdf"), {"GET": record_page()}),
    "decisions:history": (DECISION_STATES, decision_url("history"), {"GET": record_page()}),
    "public_register": ([None], plain("public_register"), {"GET": everyone("ok")}),
    "register": ([None], plain("register"), {"GET": everyone("ok")}),
    "dashboard": ([None], plain("dashboard"), {"GET": logged_in(no_membership=403)}),
    "register_feed": ([None], plain("register_feed"), {"GET": everyone("ok")}),
    "register_organisation": (
        [None],
        organisation_url("register_organisation"),
        {"GET": everyone("ok")},
    ),
    "register_record": (REGISTER_STATES, register_url("register_record"), {"GET": on_register}),
    "register_pdf": (REGISTER_STATES, register_url("register_pdf"), {"GET": on_register}),
    "record_publish": (
        PUBLISH_STATES,
        publish_url,
        {"GET": logged_in(405), "POST": publish_rule},
    ),
    "public_record": (
        DECISION_STATES,
        lambda cast, state: reverse("public_record", args=[_decision(cast, state).pk]),
        {"GET": lambda actor, state: "ok" if state == "complete" else 404},
    ),
    "public_record_pdf": (
        DECISION_STATES,
        lambda cast, state: reverse("public_record_pdf", args=[_decision(cast, state).pk]),
        {"GET": lambda actor, state: "ok" if state == "complete" else 404},
    ),
    "assessments:index": ([None], plain("assessments:index"), {"GET": logged_in()}),
    "assessments:new": (
        [None],
        plain("assessments:new"),
        {"GET": creator_page(), "POST": creator_page()},
    ),
    "assessments:detail": (ASSESSMENT_STATES, assessment_url("detail"), {"GET": record_page()}),
    "assessments:section": (
        ASSESSMENT_STATES,
        assessment_url("section", "about"),
        {
            "GET": record_page(allowed=EDITORS, outcome=editable_in("draft")),
            # A press reaches the write, which says it is too late; the page shows it back.
            "POST": record_page(allowed=EDITORS),
        },
    ),
    "assessments:check": (
        ASSESSMENT_STATES,
        assessment_url("check"),
        {
            "GET": record_page(allowed=EDITORS, outcome=editable_in("draft")),
            # A second Submit on a submitted one is told it is done (a redirect).
            "POST": record_page(allowed=EDITORS, outcome=editable_in("draft", "submitted")),
        },
    ),
    "assessments:approve": (
        ASSESSMENT_STATES,
        assessment_url("approve"),
        {"GET": reviewable(), "POST": reviewable(done="approved")},
    ),
    "assessments:return": (
        ASSESSMENT_STATES,
        assessment_url("return"),
        {"GET": reviewable(), "POST": reviewable()},
    ),
    "assessments:new_version": (
        ASSESSMENT_STATES,
        assessment_url("new_version"),
        {
            "GET": record_page(allowed=EDITORS),
            "POST": record_page(allowed=EDITORS, outcome=new_version_post),
        },
    ),
    "assessments:pdf": (ASSESSMENT_STATES, assessment_url("pdf"), {"GET": record_page()}),
    "assessments:history": (ASSESSMENT_STATES, assessment_url("history"), {"GET": record_page()}),
    "eds:index": ([None], plain("eds:index"), {"GET": logged_in()}),
    "eds:new": (
        [None],
        plain("eds:new"),
        {
            "GET": logged_in(403, author="ok", approver="ok", superuser="ok", outsider="ok"),
            "POST": logged_in(403, author="ok", approver="ok", superuser="ok", outsider="ok"),
        },
    ),
    "eds:scoring": ([None], plain("eds:scoring"), {"GET": everyone("ok")}),
    "eds:public_register": ([None], plain("eds:public_register"), {"GET": everyone("ok")}),
    "eds:public_report": (EDS_STATES, eds_url("public_report"), {"GET": public_eds}),
    "eds:public_report_pdf": (EDS_STATES, eds_url("public_report_pdf"), {"GET": public_eds}),
    "eds:detail": (EDS_STATES, eds_url("detail"), {"GET": record_page()}),
    "eds:score_card": (EDS_STATES, eds_url("score_card"), {"GET": record_page()}),
    "eds:pdf": (EDS_STATES, eds_url("pdf"), {"GET": record_page()}),
    "eds:history": (EDS_STATES, eds_url("history"), {"GET": record_page()}),
    "eds:page": (
        EDS_STATES,
        eds_url("page", "domain-2"),
        {
            "GET": record_page(allowed=EDS_DRAFTERS, outcome=in_states("draft")),
            # A press reaches the write, which says it is too late; the page shows it back.
            "POST": record_page(allowed=EDS_DRAFTERS),
        },
    ),
    "eds:check": (
        EDS_STATES,
        eds_url("check"),
        {
            "GET": record_page(allowed=EDS_DRAFTERS, outcome=in_states("draft")),
            # A second Submit on a submitted one is told it is done (a redirect).
            "POST": record_page(allowed=EDS_DRAFTERS, outcome=in_states("draft", "submitted")),
        },
    ),
    "eds:authorise": (
        EDS_STATES,
        eds_url("authorise"),
        {"GET": reviewable(), "POST": record_page(allowed=EDS_APPROVERS)},
    ),
    "eds:return": (
        EDS_STATES,
        eds_url("return"),
        {"GET": reviewable(), "POST": record_page(allowed=EDS_APPROVERS)},
    ),
    "eds:publish": (
        EDS_STATES,
        eds_url("publish"),
        {
            "GET": record_page(allowed=EDS_APPROVERS, outcome=in_states("authorised")),
            "POST": record_page(
                allowed=EDS_APPROVERS, outcome=in_states("authorised", "published")
            ),
        },
    ),
    "eds:unpublish": (
        EDS_STATES,
        eds_url("unpublish"),
        {
            "GET": record_page(allowed=EDS_APPROVERS, outcome=in_states("published")),
            "POST": record_page(
                allowed=EDS_APPROVERS, outcome=in_states("authorised", "published")
            ),
        },
    ),
    "eds:next_year": (
        EDS_STATES,
        eds_url("next_year"),
        {
            "GET": record_page(allowed=EDS_DRAFTERS, outcome=in_states("authorised", "published")),
            "POST": record_page(allowed=EDS_DRAFTERS, outcome=in_states("authorised", "published")),
        },
    ),
    "eds:new_version": (
        EDS_STATES,
        eds_url("new_version"),
        {
            "GET": record_page(allowed=EDS_DRAFTERS, outcome=in_states("authorised", "published")),
            "POST": record_page(allowed=EDS_DRAFTERS, outcome=in_states("authorised", "published")),
        },
    ),
    "boardtool:index": ([None], plain("boardtool:index"), {"GET": logged_in()}),
    "boardtool:new": (
        [None],
        plain("boardtool:new"),
        {"GET": creator_page(), "POST": creator_page()},
    ),
    "boardtool:detail": (REVIEW_STATES, review_url("detail"), {"GET": record_page()}),
    "boardtool:scorecard": (REVIEW_STATES, review_url("scorecard"), {"GET": record_page()}),
    "boardtool:pdf": (REVIEW_STATES, review_url("pdf"), {"GET": record_page()}),
    "boardtool:history": (REVIEW_STATES, review_url("history"), {"GET": record_page()}),
    **{
        name: (
            REVIEW_STATES,
            review_url(*args),
            {
                "GET": record_page(allowed=EDITORS, outcome=editable_in("draft")),
                # A press reaches the write, which says it is too late; the page shows it.
                "POST": record_page(allowed=EDITORS),
            },
        )
        for name, args in [
            ("boardtool:details", ("details",)),
            ("boardtool:cell", ("cell", 1)),
        ]
    },
    "boardtool:check": (
        REVIEW_STATES,
        review_url("check"),
        {
            "GET": record_page(allowed=EDITORS, outcome=editable_in("draft")),
            "POST": record_page(allowed=EDITORS, outcome=editable_in("draft", "submitted")),
        },
    ),
    "boardtool:approve": (
        REVIEW_STATES,
        review_url("approve"),
        {"GET": reviewable(), "POST": record_page(allowed={"approver", "superuser"})},
    ),
    "boardtool:return": (
        REVIEW_STATES,
        review_url("return"),
        {"GET": reviewable(), "POST": record_page(allowed={"approver", "superuser"})},
    ),
    "boardtool:packs": ([None], plain("boardtool:packs"), {"GET": logged_in()}),
    "boardtool:pack_new": (
        [None],
        plain("boardtool:pack_new"),
        {"GET": PACK_BUILDERS_PAGE, "POST": PACK_BUILDERS_PAGE},
    ),
    "boardtool:pack": (PACK_STATES, pack_url("pack"), {"GET": organisation_page()}),
    "boardtool:pack_download": (
        PACK_STATES,
        pack_url("pack_download"),
        {
            "GET": record_page(
                allowed=MEMBERS | {"system_member", "superuser"},
                outcome=lambda state: "ok" if state == "done" else 404,
                outsiders=NOT_OURS | SHARED,
            )
        },
    ),
    "boardtool:pack_retry": (
        PACK_STATES,
        pack_url("pack_retry"),
        {
            "GET": organisation_page(allowed=PACK_BUILDERS),
            "POST": organisation_page(allowed=PACK_BUILDERS),
        },
    ),
    "boardtool:new_version": (
        REVIEW_STATES,
        review_url("new_version"),
        {
            "GET": record_page(allowed=EDITORS, outcome=new_version_post),
            "POST": record_page(allowed=EDITORS, outcome=new_version_post),
        },
    ),
}


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            if str(pattern.pattern).startswith("admin/"):
                continue  # Django's own admin, for staff: it has its own permissions
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        else:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_row():
    assert set(url_names()) == set(MATRIX)


def outcome_of(response) -> object:
    if response.status_code in {301, 302}:
        return "login" if response["Location"].startswith(reverse("login")) else "ok"
    if response.status_code == 200:
        return "ok"
    return response.status_code


@pytest.fixture
def clients(cast):
    superuser = UserFactory(username="super", is_superuser=True, is_staff=True)
    # The other system's records, which must never show to anyone outside it.
    secret = AssessmentFactory(organisation=cast.other, created_by=cast.outsider, title=SECRET)
    DecisionRecordFactory(organisation=cast.other, created_by=cast.outsider, title=SECRET)
    EdsReportFactory(organisation=cast.other, created_by=cast.outsider, eds_lead=SECRET)
    ReviewFactory(organisation=cast.other, created_by=cast.outsider, subject=SECRET)
    pack_in(cast.other, by=cast.outsider).items.create(
        order=1,
        record_type=ContentType.objects.get_for_model(secret),
        record_id=secret.pk,
        title=SECRET,
    )
    # The partner organisation's co-author and reader of every record the table makes.
    cast.co_author = UserFactory(username="co.author")
    cast.reader = UserFactory(username="reader")
    for person in (cast.co_author, cast.reader):
        MembershipFactory(user=person, organisation=cast.sibling, role=Role.VIEWER)
    users = {actor: getattr(cast, actor, None) for actor in ACTORS} | {"superuser": superuser}

    signed_in = {}

    def client_for(actor):
        """The actor's browser: signed in once, used for each of their requests."""
        if actor not in signed_in:
            signed_in[actor] = Client()
            if users[actor] is not None:
                signed_in[actor].force_login(users[actor])
        return signed_in[actor]

    return client_for


class PaperPdf:
    """WeasyPrint's HTML, minus the typesetting: the matrix asks who gets a PDF, not what is
    in it (tests/core/test_pdf.py and each tool's tests read real ones). The template is
    still rendered, with every query it makes."""

    def __init__(self, string, **kwargs):
        self.string = string

    def write_pdf(self):
        return b"%PDF-1.7 " + self.string.encode()


@pytest.fixture(autouse=True)
def pdfs_without_typesetting(monkeypatch):
    from idmf.core import pdf

    monkeypatch.setattr(pdf, "HTML", PaperPdf)


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(cast, clients, name):
    states, make_url, methods = MATRIX[name]
    wrong = []
    for method, expected in methods.items():
        for state in states:
            target = make_url(cast, state)
            for actor in ACTORS:
                client = clients(actor)
                response = getattr(client, method.lower())(target)
                got, want = outcome_of(response), expected(actor, state)
                if method == "POST" and got == "ok":
                    # A press that went through may have changed the record: the next actor
                    # gets a fresh one, so what one did never hides another's outcome. (A
                    # refused press changes nothing, so its record serves the next actor.)
                    target = make_url(cast, state)
                if got != want:
                    wrong.append(f"{method} {target} [{state}] as {actor}: {got}, not {want}")
                content = b"".join(response) if response.streaming else response.content
                body = content.decode(errors="replace")
                if actor not in {"outsider", "superuser"} and (
                    SECRET in body or cast.other.name in body
                ):
                    wrong.append(f"{method} {target} as {actor} shows the other system")
    assert wrong == []


@pytest.mark.parametrize("access", [Share.Access.EDIT, Share.Access.VIEW])
def test_shared_access_by_role(cast, access):
    """What being added to a draft EHIIRA adds for each role of its own organisation: a
    co-author edits it whatever their role, and never approves it; a reader gains nothing a
    member does not have."""
    wrong = []
    for role, person in cast.by_role().items():
        draft = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
        if person != cast.author:
            people_services.share_record(record=draft, user=person, access=access, by=cast.author)
        client = Client()
        client.force_login(person)
        edits = role == Role.AUTHOR or access == Share.Access.EDIT
        section = reverse("assessments:section", args=[draft.pk, "about"])
        got = {
            "detail": outcome_of(client.get(draft.get_absolute_url())),
            "edit": outcome_of(client.get(section)),
        }
        submitted(draft, by=cast.author)
        got["approve"] = outcome_of(client.get(reverse("assessments:approve", args=[draft.pk])))
        may_approve = role == Role.APPROVER and access == Share.Access.VIEW
        want = {"detail": "ok", "edit": "ok" if edits else 403}
        want["approve"] = "ok" if may_approve else 403
        if got != want:
            wrong.append(f"{role} as {access}: {got}, not {want}")
    assert wrong == []
