import pytest

from idmf.people import rules


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
