"""What each member of the fixed cast should get from a row's page: a rule is called with an
actor's name (one of `ACTORS`) and the row's state, and returns "ok", "login", 403, 404 or
405."""

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


# What several rows ask of their methods, {method: rule}.


def get_and_post(decide):
    """The same rule for the page and for a press of its button."""
    return {"GET": decide, "POST": decide}


def draft_form(allowed):
    """A form page of a record: `allowed` open it while it is a draft. A press reaches the
    write, which says it is too late; the page shows it back."""
    return {
        "GET": record_page(allowed=allowed, outcome=editable_in("draft")),
        "POST": record_page(allowed=allowed),
    }


def check_and_submit(allowed):
    """Check your answers, of a draft; a second Submit on a submitted one is told it is done
    (a redirect)."""
    return {
        "GET": record_page(allowed=allowed, outcome=editable_in("draft")),
        "POST": record_page(allowed=allowed, outcome=editable_in("draft", "submitted")),
    }
