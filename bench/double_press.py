"""Fire every state change at once from several "browsers" and count what comes back.

Run with `make bench`. Each round starts a fresh assessment (or decision) and presses the
same button from PRESSES threads at the same moment, each with its own database connection.
Prints the requests made, the responses by status, and how many times each change happened
(it should be once a round). Uses a throwaway SQLite file under var/.
"""

import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite:///var/bench-press.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idmf.settings")

import django  # noqa: E402

django.setup()

from throwaway import fresh_demo  # noqa: E402

ROUNDS = 25


def main():
    fresh_demo("bench-press.sqlite3")
    from django.contrib.auth import get_user_model

    from assessments import services
    from idmf.core.models import Organisation
    from idmf.demo import LLR_ICB
    from tests.assessments.factories import AssessmentFactory, complete_stage1
    from tests.project.test_double_press import PRESSES, press_together

    users = get_user_model().objects
    author, approver = users.get(username="author"), users.get(username="approver")
    organisation = Organisation.objects.get(name=LLR_ICB)
    statuses, done = Counter(), Counter()
    started = time.perf_counter()
    for _ in range(ROUNDS):
        draft = complete_stage1(AssessmentFactory(organisation=organisation, created_by=author))
        statuses.update(press_together(author, f"/assessments/{draft.pk}/check/", {}))
        done["submitted"] += draft.history.filter(
            history_change_reason="Submitted for approval"
        ).count()
        other = complete_stage1(AssessmentFactory(organisation=organisation, created_by=author))
        services.submit_assessment(assessment=other, by=author)
        data = {"comment": "Checked", "approver_role": "E&I Business Partner"}
        statuses.update(press_together(approver, f"/assessments/{other.pk}/approve/", data))
        done["approved"] += other.history.filter(history_change_reason="Approved").count()
    seconds = time.perf_counter() - started
    requests = sum(statuses.values())
    print(
        f"{ROUNDS} rounds × 2 buttons × {PRESSES} presses at once: {requests} requests "
        f"in {seconds:.1f} s"
    )
    print("responses by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"5xx responses: {sum(v for k, v in statuses.items() if k >= 500)}")
    print(
        f"submitted {done['submitted']} times and approved {done['approved']} times in "
        f"{ROUNDS} rounds (once each a round is right)"
    )


if __name__ == "__main__":
    main()
