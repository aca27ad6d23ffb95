"""The records the permission matrix's rows open, one maker a tool, each in the state the row
asks for. Every one is shared with two people of a partner organisation: `co_author` may edit
it, `reader` may read it."""

from django.urls import reverse

from idmf.core.models import Share
from tests.assessments.factories import AssessmentFactory, approved, submitted
from tests.boardtool.factories import ReviewFactory, rate
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory, authorised, fully_graded
from tests.project.matrix.rules import creator_page, get_and_post, logged_in, record_page

ASSESSMENT_STATES = ["draft", "submitted", "approved"]
DECISION_STATES = ["in_progress", "complete"]
EDS_STATES = ["draft", "submitted", "authorised", "published"]
REVIEW_STATES = ["draft", "submitted", "approved"]


def _shared(made, cast):
    """Share the record with the partner co-author and reader (as the table's preamble says)."""
    for person, access in [(cast.co_author, Share.Access.EDIT), (cast.reader, Share.Access.VIEW)]:
        Share.objects.create(record=made, user=person, access=access, added_by=cast.author)
    return made


def reusable(make):
    """`make`, serving instead the record `prepare` made in that state before the first row
    (each row rolls back to it, and each press is undone after its response). `fresh=True`
    asks for a new one anyway (for a row that changes the record before its requests)."""

    def maker(cast, state, *, fresh=False):
        made = None if fresh else getattr(cast, "made", {}).get((make, state))
        return make(cast, state) if made is None else made

    maker.make = make
    return maker


@reusable
def make_assessment(cast, state):
    made = _shared(AssessmentFactory(organisation=cast.organisation, created_by=cast.author), cast)
    if state in {"submitted", "approved"}:
        submitted(made, by=cast.author)
    if state == "approved":
        approved(made, by=cast.approver)
    return made


@reusable
def make_decision(cast, state):
    made = _shared(
        DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author), cast
    )
    if state == "in_progress":
        complete_steps(made, 1)
    if state == "complete":
        complete_steps(made, 1, 2, 3, 4, 5, 6)
        made.published = True
        made.save()
    return made


@reusable
def make_eds_report(cast, state):
    from eds import lifecycle

    made = _shared(EdsReportFactory(organisation=cast.organisation, created_by=cast.author), cast)
    fully_graded(made, by=cast.author)
    if state == "submitted":
        lifecycle.submit_report(report=made, by=cast.author)
    if state in {"authorised", "published"}:
        authorised(made, author=cast.author, approver=cast.approver)
    if state == "published":
        lifecycle.publish_report(report=made, by=cast.approver)
    return made


@reusable
def make_review(cast, state):
    from boardtool import services

    made = _shared(ReviewFactory(organisation=cast.organisation, created_by=cast.author), cast)
    if state in {"submitted", "approved"}:
        rate(made, {"K1P1": "assured"}, by=cast.author)
        services.submit_review(review=made, by=cast.author)
    if state == "approved":
        services.approve_review(review=made, by=cast.approver)
    return made


def prepare(cast):
    """Make, once for the whole table, a record of each kind in each state (in the table's
    transaction, so every row starts from them as they were made)."""
    cast.made = {}
    for maker, states in [
        (make_assessment, ASSESSMENT_STATES),
        (make_decision, DECISION_STATES),
        (make_eds_report, EDS_STATES),
        (make_review, REVIEW_STATES),
    ]:
        for state in states:
            cast.made[(maker.make, state)] = maker.make(cast, state)


def plain(name):
    return lambda cast, state: reverse(name)


def record_url(namespace, make):
    """The URL maker of a tool's record pages: `url(name, *extra)` makes a record with `make`,
    in the row's state, and reverses `namespace:name` with its pk and `extra`."""

    def url(name, *extra):
        return lambda cast, state: reverse(
            f"{namespace}:{name}", args=[make(cast, state).pk, *extra]
        )

    return url


def record_rows(namespace, states, url, *, new=None) -> dict:
    """The rows every tool's records have alike: the list, the new record's page (anyone who
    may create, unless `new` says who), and each record's page, PDF and history (its readers)."""
    return {
        f"{namespace}:index": ([None], plain(f"{namespace}:index"), {"GET": logged_in()}),
        f"{namespace}:new": (
            [None],
            plain(f"{namespace}:new"),
            get_and_post(new or creator_page()),
        ),
        **{
            f"{namespace}:{name}": (states, url(name), {"GET": record_page()})
            for name in ("detail", "pdf", "history")
        },
    }
