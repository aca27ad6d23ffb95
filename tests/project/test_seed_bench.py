"""`seed_bench` at a small size: what it makes, its history, and that its pages open."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from markupsafe import escape

from assessments.models import Assessment, PersonResponsible, Stage1Answer, Stage2Group
from boardtool.models import Review
from eds.models import EdsReport
from idmf.actions.models import Action
from idmf.bench_data import BENCH_PASSWORD
from idmf.core.models import Membership, Organisation, Service, System
from idmf.decisions.models import DecisionRecord, DecisionStep

SIZES = {"systems": 2, "organisations": 4, "assessments": 60, "decisions": 30, "actions": 80}


def seed_bench(**options):
    out = io.StringIO()
    call_command("seed_bench", **{**SIZES, **options}, stdout=out)
    return out.getvalue()


@pytest.fixture
def output(reference_data):
    return seed_bench()


def author():
    return get_user_model().objects.get(username="bench.o1.author")


def test_it_makes_each_table_at_the_sizes_asked(output):
    assert System.objects.filter(name__startswith="Bench system").count() == 2
    assert Organisation.objects.filter(name__startswith="Bench organisation").count() == 4
    assert set(Organisation.objects.values_list("kind", flat=True)) == {"icb", "nhs_trust"}
    assert Service.objects.count() == 4 * 3
    assert get_user_model().objects.filter(username__startswith="bench.").count() == 4 * 5 + 2
    assert Membership.objects.filter(organisation__isnull=False).count() == 4 * 5
    assert Membership.objects.filter(system__isnull=False, role="viewer").count() == 2
    assert Assessment.objects.count() == 60
    assert PersonResponsible.objects.count() == 60
    assert DecisionRecord.objects.count() == 30
    assert Action.objects.count() == 80
    assert EdsReport.objects.count() == 4
    assert Review.objects.count() == 4
    # The summary names each table with its time, the totals and the logins.
    for words in ["assessments", "decision records", "actions", "history rows", " s "]:
        assert words in output
    assert "bench.o1.author" in output and BENCH_PASSWORD in output


@pytest.mark.parametrize(
    "model", [Assessment, Stage1Answer, DecisionRecord, DecisionStep, Action, Membership]
)
def test_every_row_has_a_history_row_naming_its_author(output, model):
    created = model.history.filter(history_type="+", history_user__isnull=False)
    assert created.count() == model.objects.count()
    assert created.filter(history_change_reason="Bench data").count() == model.objects.count()
    assert not model.history.filter(history_user__isnull=True).exists()


def test_assessments_have_their_answers_and_realistic_dates(output):
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert {"draft", "approved"} <= statuses <= set(Assessment.Status.values)
    answers = Assessment.objects.annotate(n=Count("answers"))
    assert set(answers.exclude(status="draft").values_list("n", flat=True)) == {28}
    assert max(answers.filter(status="draft").values_list("n", flat=True)) <= 10
    assert not Assessment.objects.filter(updated_at__lt=F("created_at")).exists()
    spread = Assessment.objects.order_by("updated_at").values_list("updated_at", flat=True)
    assert (spread.last() - spread.first()).days > 180
    for approved in Assessment.objects.filter(status="approved"):
        assert approved.approved_by.username.endswith(".approver")
        assert approved.approved_on and approved.approver_name and approved.outcome
        # Started, answered, outcome, submitted, approved: the history page has several.
        assert approved.history.filter(history_type="~").count() >= 4
        assert approved.history.earliest("history_date").status == "draft"
    groups = Stage2Group.objects.count()
    with_stage2 = Assessment.objects.annotate(n=Count("impacts")).filter(n__gt=0)
    assert set(with_stage2.values_list("n", flat=True)) <= {groups}


def test_decisions_steps_match_their_count(output):
    records = DecisionRecord.objects.annotate(
        done=Count("steps", filter=Q(steps__completed_at__isnull=False))
    )
    assert not records.exclude(done=F("steps_completed")).exists()
    for record in records:
        numbers = sorted(record.steps.values_list("number", flat=True))
        assert numbers == list(range(1, record.steps_completed + 1))
    linked = DecisionRecord.objects.filter(steps_completed__gte=4)
    assert not linked.exclude(
        assessment__status="approved", assessment__organisation=F("organisation")
    ).exists()
    assert not linked.filter(decision_date__lt=F("assessment__approved_on")).exists()
    assert not DecisionRecord.objects.filter(steps_completed__gte=5, decision_date=None).exists()
    assert not DecisionRecord.objects.filter(updated_at__lt=F("created_at")).exists()


def test_actions_raised_by_a_record_belong_to_its_organisation(output):
    raised = Action.objects.filter(source_id__isnull=False)
    assert raised.exists()
    for action in raised:
        assert action.source.organisation_id == action.organisation_id


def test_a_bench_author_can_open_the_pages(output, client):
    client.force_login(author())
    for url in ["/assessments/", "/decisions/", "/actions/"]:
        assert client.get(url).status_code == 200, url
    organisation = author().memberships.get().organisation
    assessment = Assessment.objects.filter(organisation=organisation).exclude(status="draft")[0]
    records = [
        assessment,
        DecisionRecord.objects.filter(organisation=organisation).order_by("-steps_completed")[0],
        EdsReport.objects.get(organisation=organisation),
        Review.objects.get(organisation=organisation),
    ]
    for url in [r.get_absolute_url() for r in records] + [f"/assessments/{assessment.pk}/history/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = response.content.decode()  # the history page, last
    assert escape(assessment.title) in page and "Submitted for approval" in page


def test_a_second_run_is_refused(output):
    with pytest.raises(CommandError, match="already holds bench data"):
        seed_bench()
    assert Assessment.objects.count() == 60


def test_every_bench_user_has_the_bench_password(output):
    users = get_user_model().objects.filter(username__startswith="bench.")
    assert len({user.password for user in users}) == 1  # hashed once
    assert users.first().check_password(BENCH_PASSWORD)
    assert all(user.first_name and user.last_name for user in users)


def test_impossible_sizes_are_refused(db):
    with pytest.raises(CommandError, match="--organisations must be at least 1"):
        seed_bench(organisations=0)
