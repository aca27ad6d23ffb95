"""Reference data is read once a minute in each process (`idmf.core.reference.kept`), and a
change to it made in this process (the admin's save) is seen at once."""

import pytest

from assessments import report
from assessments.models import Stage2Group
from eds.models import EdsOutcome
from eds.report import reference_domains
from idmf.core import reference

pytestmark = pytest.mark.django_db


def group_names() -> list[str]:
    return [group.name for group in report.reference_data()[1]]


def test_reference_data_is_read_once_and_then_kept(reference_data, django_assert_num_queries):
    with django_assert_num_queries(2):
        questions, groups = report.reference_data()
    assert len(questions) == 28 and groups
    with django_assert_num_queries(0):
        assert report.reference_data() == (questions, groups)
    with django_assert_num_queries(2):  # domains, and their outcomes
        domains = reference_domains()
    with django_assert_num_queries(0):
        assert [d.pk for d in reference_domains()] == [d.pk for d in domains]


def test_a_save_in_this_process_is_seen_at_once(reference_data):
    group = Stage2Group.objects.order_by("pk").first()
    assert group.name in group_names()
    group.name = "Renamed in the admin"
    group.save()
    assert "Renamed in the admin" in group_names()

    outcome = EdsOutcome.objects.order_by("pk").first()
    reference_domains()
    outcome.text = "Outcome renamed in the admin"
    outcome.save()
    names = [o.text for d in reference_domains() for o in d.outcomes.all()]
    assert "Outcome renamed in the admin" in names


def test_a_change_made_elsewhere_is_seen_once_the_kept_reading_is_old(reference_data, monkeypatch):
    first = Stage2Group.objects.order_by("pk").first()
    group_names()
    # As another process would: no signal reaches this one.
    Stage2Group.objects.filter(pk=first.pk).update(name="Renamed by another process")
    assert "Renamed by another process" not in group_names()
    monkeypatch.setattr(reference, "KEPT_FOR", 0.0)
    assert "Renamed by another process" in group_names()
