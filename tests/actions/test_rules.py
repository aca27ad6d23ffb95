import datetime

from idmf.actions import rules


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


def test_the_open_actions_index_covers_exactly_the_open_statuses():
    """The tracker's index for open actions is used only while its condition is the one the
    tracker filters by: a status added to OPEN_STATUSES must be added to it too."""
    from idmf.actions.models import Action

    index = next(i for i in Action._meta.indexes if i.name == "action_open_due_order")
    assert index.condition.children == [("status__in", list(Action.OPEN_STATUSES))]
