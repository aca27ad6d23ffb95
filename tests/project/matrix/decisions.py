"""The permission matrix's rows for decision records (their public pages are in `shared`)."""

from tests.project.matrix.records import (
    DECISION_STATES,
    make_decision,
    plain,
    record_rows,
    record_url,
)
from tests.project.matrix.rules import (
    EDITORS,
    get_and_post,
    logged_in,
    record_page,
)

decision_url = record_url("decisions", make_decision)


def step_post(state):
    return "ok" if state == "in_progress" else 403


def review_page(state):
    return "ok" if state == "complete" else 403


# url name: (states, url maker, {method: rule})
ROWS = {
    **record_rows("decisions", DECISION_STATES, decision_url),
    "decisions:overdue": ([None], plain("decisions:overdue"), {"GET": logged_in()}),
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
        get_and_post(record_page(allowed=EDITORS, outcome=review_page)),
    ),
}
