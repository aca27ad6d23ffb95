"""Actions for bench data: due within a year either side of today, some raised by an
assessment or decision record of their organisation."""

import datetime

from django.contrib.contenttypes.models import ContentType

from assessments.models import Assessment
from idmf.actions.models import Action
from idmf.bench_data.draws import weighted
from idmf.bench_data.history import created
from idmf.bench_data.people import Org
from idmf.bench_data.words import JOB_TITLES
from idmf.core.models import Role, person_name
from idmf.decisions.models import DecisionRecord

# An action's status, by whether it is past its due date.
ACTION_STATUSES = {
    True: {"done": 55, "in_progress": 20, "open": 15, "dropped": 10},
    False: {"open": 50, "in_progress": 35, "done": 12, "dropped": 3},
}


class Actions:
    """The builder's actions, raised by the assessments and decisions it has made."""

    def _actions(self) -> None:
        kinds = ContentType.objects.get_for_models(Assessment, DecisionRecord)
        self.content_types = {model: kind.pk for model, kind in kinds.items()}
        self._make(Action, self._new_action, self.sizes.actions)

    def _new_action(self, org: Org) -> Action:
        """An action due within a year either side of today: most past ones done, most
        future ones open; half raised by an assessment or decision of its organisation."""
        rng = self.rng
        due = self.today + datetime.timedelta(days=rng.randint(-365, 365))
        assignee = None
        if rng.random() < 0.4:
            assignee = rng.choice([u for role, u in org.users.items() if role != Role.VIEWER])
        action = Action(
            organisation_id=org.pk,
            title=self.write.action_title(),
            owner=person_name(assignee) if assignee else rng.choice(JOB_TITLES),
            assignee_id=assignee and assignee.pk,
            due_date=due,
            status=weighted(rng, ACTION_STATUSES[due < self.today]),
        )
        sources = [(Assessment, org.assessments), (DecisionRecord, org.decisions)]
        sources = [(model, ids) for model, ids in sources if ids]
        if sources and rng.random() < 0.5:
            model, ids = rng.choice(sources)
            action.source_type_id, action.source_id = self.content_types[model], rng.choice(ids)
        raised = datetime.datetime.combine(due, datetime.time(10), tzinfo=datetime.UTC)
        raised -= datetime.timedelta(days=rng.randint(30, 300))
        action.created_at = min(self.now, max(self.start, raised))
        action.created_by_id = org.user(Role.AUTHOR)
        return created(action, at=action.created_at, by=action.created_by_id)
