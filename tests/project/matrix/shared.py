"""The permission matrix's rows for the core and shared apps' URLs: accounts, organisations,
people, actions and downloads (`CORE`), and the registers and publishing (`PUBLISHING`)."""

from django.urls import reverse
from django.utils import timezone

from idmf.people import services as people_services
from idmf.people.models import Invitation
from idmf.publishing import services as publishing
from tests.core.factories import ActionFactory
from tests.project.matrix.records import (
    DECISION_STATES,
    make_assessment,
    make_decision,
    make_eds_report,
    make_review,
    plain,
)
from tests.project.matrix.rules import (
    everyone,
    get_and_post,
    logged_in,
    organisation_page,
    record_page,
)


def organisation_url(name):
    return lambda cast, state: reverse(name, args=[cast.organisation.pk])


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
        "assessments.assessment": make_assessment,
        "decisions.decisionrecord": make_decision,
        "eds.edsreport": make_eds_report,
        "boardtool.review": make_review,
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
        made = make_assessment(cast, "approved", fresh=state == "published")
        if state == "published":
            publishing.set_published(made, published=True, by=cast.approver)
    elif kind == "boardtool.review":
        made = make_review(cast, "approved", fresh=state == "published")
        if state == "published":
            publishing.set_published(made, published=True, by=cast.approver)
    elif kind == "eds.edsreport":
        made = make_eds_report(cast, state)
    else:
        made = make_decision(cast, state)
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
    made = (make_assessment if kind == "assessments.assessment" else make_review)(
        cast, record_state
    )
    return reverse("record_publish", args=[kind, made.pk])


def publish_rule(actor, state):
    """Approvers and admins choose (an approved record); others 403; outsiders 404."""
    return record_page(
        allowed={"approver", "organisation_admin", "superuser"},
        outcome="ok" if state[1] == "approved" else 403,
    )(actor, state)


def public_decision_url(name):
    return lambda cast, state: reverse(name, args=[make_decision(cast, state).pk])


def public_decision(actor, state):
    return "ok" if state == "complete" else 404


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
CORE = {
    "home": ([None], plain("home"), {"GET": logged_in()}),
    "healthz": ([None], plain("healthz"), {"GET": everyone("ok"), "POST": everyone(405)}),
    "readyz": ([None], plain("readyz"), {"GET": everyone("ok"), "POST": everyone(405)}),
    # Never public: without the scraper's token, not found by anyone (tests/operations).
    "metrics": ([None], plain("metrics"), {"GET": everyone(404), "POST": everyone(404)}),
    "login": ([None], plain("login"), {"GET": everyone("ok")}),
    "logout": ([None], plain("logout"), {"POST": everyone("login")}),
    "password_change": ([None], plain("password_change"), {"GET": logged_in()}),
    "password_change_done": ([None], plain("password_change_done"), {"GET": logged_in()}),
    "organisation_list": ([None], plain("organisation_list"), {"GET": logged_in()}),
    **{
        name: ([None], organisation_url(name), {"GET": organisation_page()})
        for name in ["organisation_detail", "organisation_pdf", "organisation_history"]
    },
    **{
        name: ([None], organisation_url(name), get_and_post(ADMINS_PAGE))
        for name in ["organisation_setup", "invitations"]
    },
    "close_account": (
        [None],
        lambda cast, state: reverse("close_account", args=[cast.organisation.pk, cast.viewer.pk]),
        # A press without a reason is shown back with its error.
        get_and_post(ADMINS_PAGE),
    ),
    "invitation": (
        INVITATION_STATES,
        invitation_url,
        # Anyone with the link reads what it offers, or why it cannot be accepted.
        get_and_post(everyone("ok")),
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
    "notice_preferences": ([None], plain("notice_preferences"), get_and_post(logged_in())),
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
}

# The dashboard stands among them where the table has always had it.
PUBLISHING = {
    "public_register": ([None], plain("public_register"), {"GET": everyone("ok")}),
    "register": ([None], plain("register"), {"GET": everyone("ok")}),
    "dashboard": ([None], plain("dashboard"), {"GET": logged_in(no_membership=403)}),
    "register_feed": ([None], plain("register_feed"), {"GET": everyone("ok")}),
    "register_organisation": (
        [None],
        organisation_url("register_organisation"),
        {"GET": everyone("ok")},
    ),
    "register_system": (
        [None],
        lambda cast, state: reverse("register_system", args=[cast.organisation.system_id]),
        {"GET": everyone("ok")},
    ),
    "register_record": (REGISTER_STATES, register_url("register_record"), {"GET": on_register}),
    "register_pdf": (REGISTER_STATES, register_url("register_pdf"), {"GET": on_register}),
    "record_publish": (
        PUBLISH_STATES,
        publish_url,
        {"GET": logged_in(405), "POST": publish_rule},
    ),
    **{
        name: (DECISION_STATES, public_decision_url(name), {"GET": public_decision})
        for name in ["public_record", "public_record_pdf"]
    },
    # Anyone may check a document; a press without a file is shown back with its error.
    "check_document": ([None], plain("check_document"), get_and_post(everyone("ok"))),
}
