"""Writes of the shared core, and the building blocks every tool's services use.

Every write is keyword-only, atomic and names the acting user (`by=`); each change is
recorded in the record's history with that user and a reason.
"""

from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from idmf.core.models import SubmissionToken


class Refused(Exception):
    """A write that was refused. Each problem is a sentence for the user."""

    def __init__(self, *problems: str):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


class StaleEdit(Refused):
    """Someone else saved the record after the editor opened it."""


class AlreadyDone(Refused):
    """What was asked for has already happened (a second press of the same button, or a
    colleague's): nothing more to do, and nothing wrong."""


class NotReady(Refused):
    """What stops a record's submission, each a `Problem` naming the page that fixes it. A
    tool's own is this and its error: `class SubmissionRefused(NotReady, AssessmentError)`."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} things need to be done before you can submit")
        self.problems = problems


def save_with_history(instance, *, by, reason: str):
    """Save, recording who made the change and why in the record's history."""
    instance._history_user = by
    instance._change_reason = reason
    instance.save()
    return instance


def delete_with_history(instance, *, by, reason: str) -> None:
    """Delete, recording who removed it and why in the record's history."""
    instance._history_user = by
    instance._change_reason = reason
    instance.delete()


def save_edited(record, *, by, reason: str):
    """Save an edit to a record that carries an optimistic-lock `version`."""
    record.version += 1
    return save_with_history(record, by=by, reason=reason)


def lock_for_edit(queryset: QuerySet, pk, *, expected_version: int | None, noun: str) -> Model:
    """The record, locked for this transaction. `expected_version` is the version the
    editor's page was opened with: if someone saved since, the edit is refused rather
    than silently overwriting their work (None: no check, e.g. a button with no fields)."""
    fresh = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit(
            f"Someone else saved this {noun} after you opened this page, so your changes "
            "were not saved. Your answers are still on this page: copy anything you need, "
            "then reload the page to see the latest version."
        )
    return fresh


def refuse_unless_editable(record, *, noun: str, error=Refused, instead: str = ""):
    """The record, if it can still be changed; else refused (`error`), saying its status and
    (`instead`) how such a record is changed."""
    if not record.is_editable:
        said = f"This {noun} is {record.get_status_display().lower()} and cannot be changed"
        raise error(f"{said}. {instead}" if instead else said)
    return record


def lock_editable(
    queryset: QuerySet, pk, *, expected_version: int | None, noun: str, error=Refused, instead=""
) -> Model:
    """The record, locked for an edit (`lock_for_edit`), refused unless it can still be
    changed (`refuse_unless_editable`)."""
    fresh = lock_for_edit(queryset, pk, expected_version=expected_version, noun=noun)
    return refuse_unless_editable(fresh, noun=noun, error=error, instead=instead)


def mark_submitted(
    queryset: QuerySet, pk, *, noun: str, ready, by, reason="Submitted for approval"
):
    """The record, locked and marked submitted now, for its approvers. A second press finds
    it waiting already; `ready(record)` refuses it (the tool's own refusal) if it can no
    longer be changed or something is missing. The tool tells the approvers."""
    fresh = lock_for_edit(queryset, pk, expected_version=None, noun=noun)
    if fresh.status == fresh.Status.SUBMITTED:
        raise AlreadyDone(f"This {noun} has already been {reason.lower()}")
    ready(fresh)
    fresh.status = fresh.Status.SUBMITTED
    fresh.submitted_at = timezone.now()
    return save_edited(fresh, by=by, reason=reason)


def refuse_unless_complete(record, *, with_parts, build_report, refused: type[NotReady]):
    """Refused (`refused`, listing the problems) while the record, read again with its parts
    (`with_parts`) and built into its report (`build_report`), lacks what submission needs."""
    built = build_report(with_parts(type(record).objects).get(pk=record.pk))
    if built.problems:
        raise refused(built.problems)


def lock_for_review(
    queryset: QuerySet,
    pk,
    *,
    target: str,
    may_become,
    by,
    error=Refused,
    editors_of=None,
    done: str = "",
    noun: str,
    verbs: str = "approve or return",
    not_now: str = "not waiting for approval",
    expected_version: int | None = None,
) -> Model:
    """The record, locked, for `by` to move to status `target` (approve, return, authorise,
    publish). Refused (`error`) to anyone who edited it (`editors_of(record)`, when given),
    from a status `may_become` does not allow, and when it changed after the reviewer's
    page was opened (`expected_version`); a second press finds it `done` already."""
    fresh = queryset.select_for_update().get(pk=pk)
    if editors_of is not None and by.pk in editors_of(fresh):
        raise error(
            f"You cannot {verbs} {noun} you wrote or changed: another approver must review it"
        )
    name = noun.split(" ", 1)[-1]
    if fresh.status == target:
        raise AlreadyDone(
            f"This {name} has already been {done or fresh.get_status_display().lower()}"
        )
    if not may_become(fresh.status, target):
        raise error(f"This {name} is {fresh.get_status_display().lower()}, {not_now}")
    if expected_version is not None and fresh.version != expected_version:
        raise error(
            f"This {name} changed after you opened this page: read it again before you "
            f"{verbs.split(' or ')[0]} it. What you typed is still here."
        )
    return fresh


def new_draft_version(
    locked: QuerySet, pk, *, is_final, refusal: Refused, noun: str, copied, by
) -> tuple[Model, Model, str]:
    """A final record (`pk`, read from the `locked` queryset) and its new draft version,
    not yet saved, with the reason to save it and its copied parts with. The draft holds
    `copied(source)` (field values) and links back to the source. Refused (`refusal`) unless
    `is_final(source)`; a second press finds a newer version started already."""
    source = locked.get(pk=pk)
    if not is_final(source):
        raise refusal
    model = locked.model
    if model.objects.filter(previous_version=source).exists():
        raise AlreadyDone(f"A newer version of this {noun} has already been started")
    draft = model(
        **copied(source),
        previous_version=source,
        version_number=source.version_number + 1,
        created_by=by,
    )
    return source, draft, f"New version started from version {source.version_number}"


def save_parts(related_manager, *, key: str | tuple[str, ...], rows: dict, reason: str, by) -> None:
    """Create or update a record's parts, one per key (a question, a group, an outcome and
    service): `rows` maps each key (a tuple of values when `key` names several fields) to the
    part's values. A part whose values are unchanged is not saved again, and a blank row
    that was never saved stays unsaved."""
    names = (key,) if isinstance(key, str) else key

    def key_of(part):
        values = tuple(getattr(part, name) for name in names)
        return values[0] if isinstance(key, str) else values

    existing = {key_of(part): part for part in related_manager.all()}
    for key_value, values in rows.items():
        part = existing.get(key_value)
        if part is None:
            if not any(v not in ("", None) for v in values.values()):
                continue
            part = related_manager.model(**{related_manager.field.name: related_manager.instance})
            key_values = (key_value,) if isinstance(key, str) else key_value
            for name, value in zip(names, key_values, strict=True):
                setattr(part, name, value)
        elif all(getattr(part, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(part, name, value)
        save_with_history(part, by=by, reason=reason)


def use_token(token, *, already: str) -> None:
    """Spend a form's submission token: the first time, nothing happens; after that (a
    double click), `AlreadyDone(already)`. Call it inside the write's transaction."""
    if token is None:
        return
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token)
    except IntegrityError:
        raise AlreadyDone(already) from None


# --- organisation set-up (organisation admins) -------------------------------


# --- invitations -------------------------------------------------------------


# --- leavers -------------------------------------------------------------------


# --- working together on a record ----------------------------------------------
