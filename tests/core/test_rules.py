import datetime

import pytest

from idmf.core import rules


def test_an_update_must_change_the_status_or_add_a_note():
    assert rules.action_update_problems(current="open", new="open", note=" ") == [
        "Choose a new status or write a progress note"
    ]
    assert rules.action_update_problems(current="open", new="open", note="Met them") == []
    assert rules.action_update_problems(current="open", new="done", note="") == []


def test_dropping_needs_a_reason_once():
    assert rules.action_update_problems(current="open", new="dropped", note="") == [
        "Say why the action is being dropped"
    ]
    assert rules.action_update_problems(current="open", new="dropped", note="Superseded") == []
    assert rules.action_update_problems(current="dropped", new="dropped", note="More") == []


def test_update_reasons():
    assert rules.update_reason(current="open", new="done", note="") == "Status set to done"
    assert (
        rules.update_reason(current="open", new="dropped", note=" Superseded ")
        == "Status set to dropped: Superseded"
    )
    assert rules.update_reason(current="open", new="open", note="Met") == "Progress note: Met"


def test_due_soon_is_today_to_thirty_days_ahead():
    today = datetime.date(2026, 11, 25)
    assert rules.is_due_soon(today, today=today)
    assert rules.is_due_soon(datetime.date(2026, 12, 25), today=today)
    assert not rules.is_due_soon(datetime.date(2026, 12, 26), today=today)
    assert not rules.is_due_soon(datetime.date(2026, 11, 24), today=today)


@pytest.mark.parametrize(
    "state, signed_in, problem",
    [
        ("waiting", None, ""),
        ("waiting", "Ann@NHS.net", ""),  # the same address, however it is written
        ("waiting", "bob@nhs.net", "This invitation is for ann@nhs.net"),
        ("waiting", "", "an account with no e-mail address"),
        ("expired", None, "has expired"),
        ("revoked", None, "was withdrawn"),
        ("accepted", "ann@nhs.net", "already been accepted"),
    ],
)
def test_who_may_accept_an_invitation(state, signed_in, problem):
    found = rules.invitation_problem(state=state, invited="ann@nhs.net", signed_in=signed_in)
    assert (problem in found) if problem else found == ""


def test_an_admin_closes_accounts_only_of_people_wholly_in_their_care():
    ours, theirs, system = ("organisation", 1), ("organisation", 2), ("system", 9)
    assert rules.leaver_problem(person_id=5, by_id=6, where={ours}, managed={ours}) == ""
    assert "your own account" in rules.leaver_problem(
        person_id=6, by_id=6, where={ours}, managed={ours}
    )
    assert "organisations you do not manage" in rules.leaver_problem(
        person_id=5, by_id=6, where={ours, theirs}, managed={ours}
    )
    assert "organisations you do not manage" in rules.leaver_problem(
        person_id=5, by_id=6, where={system}, managed={ours}
    )
