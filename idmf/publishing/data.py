"""A record as open data (its JSON export): what every record has, then its own content."""

from idmf.actions.models import Action
from idmf.core.exports import when


def action_data(action) -> dict:
    return {
        "title": action.title,
        "owner": action.owner,
        "due_date": when(action.due_date),
        "status": action.status,
        "status_label": action.get_status_display(),
    }


def record_data(kind, record, *, url: str) -> dict:
    """A record as open data: what every record has (its kind, organisation, status,
    version, dates and actions), then its own content (`kind.data`), as the stored text."""
    organisation = record.organisation
    return {
        "kind": kind.key,
        "kind_label": kind.noun,
        "id": record.pk,
        "url": url,
        "title": str(kind.title(record)),
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "status": kind.status(record),
        "version_number": getattr(record, "version_number", 1),
        "created_at": when(getattr(record, "created_at", None)),
        "updated_at": when(getattr(record, "updated_at", None)),
        **(kind.data(record) if kind.data else {}),
        "actions": [
            action_data(a) for a in Action.objects.of_record(record).order_by("due_date", "pk")
        ],
    }
