"""A record kind's conditions decided from the row already read (`idmf.core.conditions`), as
the database decides them."""

import datetime
import itertools

import pytest
from django.db.models import F, Q

from assessments.models import Assessment
from boardtool.models import Review
from eds.models import EdsReport
from idmf.core import records
from idmf.core.conditions import CannotTell, meets
from idmf.decisions.models import DecisionRecord
from tests.assessments.factories import AssessmentFactory
from tests.boardtool.factories import ReviewFactory
from tests.decisions.factories import DecisionRecordFactory
from tests.eds.factories import EdsReportFactory

NOW = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)


def test_plain_comparisons_as_sql_makes_them():
    draft = Assessment(status="draft", published_at=None, version_number=2)
    assert meets(draft, Q(status="draft"))
    assert not meets(draft, Q(status="approved"))
    assert meets(draft, Q(status__in=["draft", "returned"]))
    assert meets(draft, Q(published_at__isnull=True)) and meets(draft, Q(published_at=None))
    assert not meets(draft, Q(published_at__isnull=False))
    assert meets(draft, Q(version_number__gte=2)) and not meets(draft, Q(version_number__lt=2))
    # A comparison with NULL is never true.
    assert not meets(draft, Q(published_at__lt=NOW)) and not meets(draft, Q(published_at__gte=NOW))
    assert meets(draft, Q(status="approved") | Q(version_number=2))
    assert not meets(draft, Q(status="draft", version_number=3))
    assert meets(draft, ~Q(status="approved")) and not meets(draft, ~Q(status="draft"))


@pytest.mark.parametrize(
    "condition",
    [
        Q(organisation__name="Our ICB"),  # a join
        Q(organisation=1),  # a relation
        Q(version_number=F("pk")),  # an expression
        Q(title__icontains="plan"),  # a lookup not decided here
        Q(no_such_field=1),
    ],
)
def test_what_it_does_not_decide_it_says_so(condition):
    with pytest.raises(CannotTell):
        meets(Assessment(title="A plan", version_number=1), condition)


@pytest.mark.django_db
def test_a_column_not_read_is_not_guessed():
    AssessmentFactory()
    with pytest.raises(CannotTell):
        meets(Assessment.objects.only("pk").get(), Q(status="draft"))


STATES = {
    Assessment: (
        AssessmentFactory,
        {"status": [s for s, _ in Assessment.Status.choices], "published_at": [None, NOW]},
    ),
    DecisionRecord: (
        DecisionRecordFactory,
        {"steps_completed": [0, 5, 6], "published": [False, True]},
    ),
    EdsReport: (EdsReportFactory, {"status": [s for s, _ in EdsReport.Status.choices]}),
    Review: (
        ReviewFactory,
        {"status": [s for s, _ in Review.Status.choices], "published_at": [None, NOW]},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(STATES), ids=lambda model: model.__name__)
def test_each_kind_is_final_and_on_the_register_in_the_rows_the_database_finds(model):
    kind = records.kind_for(model)
    factory, columns = STATES[model]
    record = factory()
    assert kind.public is not None
    for values in itertools.product(*columns.values()):
        model.objects.filter(pk=record.pk).update(**dict(zip(columns, values, strict=True)))
        row = kind.queryset().get(pk=record.pk)
        for condition in (kind.public, kind.final, kind.draft):
            expected = model.objects.filter(condition, pk=record.pk).exists()
            assert meets(row, condition) == expected, (values, condition)
