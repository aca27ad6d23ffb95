"""What the home page gathers for one person from every tool: work returned to them, their
drafts, what waits for their approval, reviews coming due and their open actions."""

import datetime

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.utils import timezone

from assessments.models import Assessment
from eds.models import EdsReport
from idmf.actions.models import Action
from idmf.actions.rules import DUE_SOON
from idmf.core import records
from idmf.core.models import Share
from idmf.core.permissions import (
    Perm,
    co_authored_by,
    has_permission_anywhere,
    memberships_of,
    visible_to,
)
from idmf.decisions.models import DecisionRecord

SHOWN = 10  # each list shows the first few, and links to the whole list
REVIEW_WINDOW = datetime.timedelta(days=30)


def _waiting(user, model) -> list:
    """Records of `model` submitted in the user's organisations that they may approve: they
    neither started them nor are their co-authors. The longest waiting first."""
    return list(
        visible_to(
            user,
            model.objects.filter(status=model.Status.SUBMITTED),
            permission=Perm.APPROVE_RECORDS,
        )
        .exclude(created_by=user)
        .exclude(co_authored_by(user, model))
        .select_related("organisation")
        .order_by("submitted_at")[:SHOWN]
    )


def personal_home(user) -> dict:
    today = timezone.localdate()
    # Only in organisations the person still belongs to.
    mine = visible_to(user, Assessment.objects.filter(created_by=user)).select_related(
        "organisation"
    )
    may_approve = has_permission_anywhere(user, Perm.APPROVE_RECORDS)
    return {
        "memberships": memberships_of(user),
        "may_create": has_permission_anywhere(user, Perm.EDIT_RECORDS),
        "may_approve": may_approve,
        "returned": list(
            mine.filter(status=Assessment.Status.RETURNED).order_by("-updated_at")[:SHOWN]
        ),
        "draft_assessments": list(
            mine.filter(status=Assessment.Status.DRAFT).order_by("-updated_at")[:SHOWN]
        ),
        "draft_decisions": list(
            visible_to(user, DecisionRecord.objects.filter(created_by=user))
            .filter(steps_completed__lt=6)
            .select_related("organisation")
            .order_by("-updated_at")[:SHOWN]
        ),
        "draft_eds": list(
            visible_to(
                user, EdsReport.objects.filter(created_by=user, status=EdsReport.Status.DRAFT)
            )
            .select_related("organisation")
            .order_by("-updated_at")[:SHOWN]
        ),
        "eds_awaiting": _waiting(user, EdsReport) if may_approve else [],
        "awaiting_approval": _waiting(user, Assessment) if may_approve else [],
        "reviews_due": list(
            visible_to(user, DecisionRecord.objects.filter(review_date__lte=today + REVIEW_WINDOW))
            .select_related("organisation")
            .order_by("review_date", "pk")[:SHOWN]
        ),
        # Overdue and due within 30 days (the overdue first, as they are due soonest).
        "your_actions": list(
            visible_to(user, Action.objects.owned_by(user).still_open())
            .filter(due_date__lte=today + DUE_SOON)
            .select_related("organisation")
            .order_by("due_date", "pk")[:SHOWN]
        ),
        "shared": shared_with_me(user),
        "today": today,
    }


def shared_with_me(user) -> list[tuple]:
    """(kind, record, share) for each record colleagues added the user to, newest first: one
    query for the shares, and one for each kind of record."""
    shares = (
        Share.objects.filter(user=user)
        .select_related("record_type")
        .prefetch_related(
            GenericPrefetch("record", [kind.queryset() for kind in records.KINDS.values()])
        )
        .order_by("-added_at", "-pk")[:SHOWN]
    )
    return [
        (records.kind_for(type(share.record)), share.record, share)
        for share in shares
        if share.record is not None
    ]
