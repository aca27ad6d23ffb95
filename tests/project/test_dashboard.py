"""The health-equity dashboard: its figures equal counts made independently here from the
generated data; its queries do not grow with the data; nobody sees another organisation's."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Stage2Group, Stage2Impact
from idmf.core.dashboard_kept import figures_changed
from tests.assessments.factories import AssessmentFactory, approved, approved_assessment, submitted
from tests.boardtool.factories import ReviewFactory
from tests.boardtool.factories import approved as approved_review
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.evidence.factories import next_of, uptake_table, with_figures
from tests.html import text_of

BASE, NARROWER = [290, 310, 330, 360, 390], [340, 345, 350, 355, 381]


def panels(client, **params):
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return {panel.title: panel.context for panel in response.context["panels"]}, response


def figures(context) -> dict:
    return {figure.label: figure.value for figure in context["figures"]}


def generate(cast, *, n=6, seed=1):
    """Records of every kind in our organisation, some in the other system; returns what was
    made, to count from independently."""
    rng = random.Random(seed)
    now = timezone.localdate()  # when asked: a run may pass midnight
    groups = list(Stage2Group.objects.order_by("pk"))
    made = {"negative": {}, "mitigated": {}, "actioned": {}, "steps": [], "overdue": 0}
    for i in range(n):
        assessment = AssessmentFactory(
            organisation=cast.organisation, created_by=cast.author, title=f"Policy {seed}-{i}"
        )
        hit = rng.sample(groups, k=rng.randint(0, 3))
        for group in hit:
            mitigated = rng.random() < 0.5
            Stage2Impact.objects.create(
                assessment=assessment,
                group=group,
                impact="negative",
                mitigation="Mitigate it" if mitigated else "",
            )
            made["negative"][group.pk] = made["negative"].get(group.pk, 0) + 1
            made["mitigated"][group.pk] = made["mitigated"].get(group.pk, 0) + mitigated
        if hit and rng.random() < 0.5:
            ActionFactory(organisation=cast.organisation, source=assessment)
            for group in hit:
                made["actioned"][group.pk] = made["actioned"].get(group.pk, 0) + 1
        steps = rng.randint(0, 6)
        record = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
        if steps:
            complete_steps(record, *range(1, steps + 1))
        made["steps"].append(steps)
        late = rng.random() < 0.5
        ActionFactory(
            organisation=cast.organisation,
            due_date=now - datetime.timedelta(days=3) if late else now,
        )
        made["overdue"] += late
        # Equity evidence: a table, re-measured half the time.
        table = with_figures(uptake_table(cast.organisation, by=cast.author), BASE, by=cast.author)
        if rng.random() < 0.5:
            with_figures(next_of(table, by=cast.author), NARROWER, by=cast.author)
    # Elsewhere: never counted here.
    other = AssessmentFactory(organisation=cast.other, created_by=cast.outsider)
    Stage2Impact.objects.create(assessment=other, group=groups[0], impact="negative")
    ActionFactory(organisation=cast.other, due_date=now - datetime.timedelta(days=9))
    return made


def test_the_figures_equal_counts_made_independently(client_for, cast):
    made = generate(cast)
    context, response = panels(client_for(cast.viewer))
    ehiiras = context["EHIIRAs and cumulative impact"]
    for impact in ehiiras["groups"]:
        pk = impact.group.pk
        assert impact.count == made["negative"].get(pk, 0), impact.group.name
        assert impact.mitigated == made["mitigated"].get(pk, 0), impact.group.name
        assert impact.with_actions == made["actioned"].get(pk, 0), impact.group.name
    actions = figures(context["Actions"])
    assert actions["Overdue"] == made["overdue"]
    decisions = context["Decision records"]["chart"].bars
    for number in range(1, 7):
        assert decisions[number - 1].value == made["steps"].count(number - 1)
    assert decisions[6].value == made["steps"].count(6)
    page = response.content.decode()
    assert "<svg" in page and "Cumulative impact by group" in page
    assert cast.other.name not in page


def test_each_figure_links_to_the_list_that_holds_it(client_for, cast):
    generate(cast)
    client = client_for(cast.viewer)
    context, _ = panels(client)
    for impact in context["EHIIRAs and cumulative impact"]["groups"]:
        listed = client.get(impact.url).content.decode()
        assert f"{impact.count} assessment" in listed, impact.group.name
    overdue = next(f for f in context["Actions"]["figures"] if f.label == "Overdue")
    assert f"{overdue.value} action" in client.get(overdue.url).content.decode()


def test_due_regard_before_the_decision(client_for, cast):
    ehiira = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    submitted(ehiira, by=cast.author)
    approved(ehiira, by=cast.approver)
    ehiira.refresh_from_db()
    before = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(before, 1, 2, 3, 4, 5)
    before.assessment = ehiira
    before.decision_date = ehiira.approved_on + datetime.timedelta(days=1)
    before.save()
    late = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(late, 1, 2, 3, 4, 5)
    late.assessment = ehiira
    late.decision_date = ehiira.approved_on - datetime.timedelta(days=10)
    late.save()
    unlinked = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(unlinked, 1, 2, 3, 4, 5)
    client = client_for(cast.viewer)
    context, _ = panels(client)
    shown = figures(context["Decision records"])
    assert shown["Reached step 5 with the EHIIRA approved on or before the decision date"] == 1
    assert shown["Reached step 5 without it (no EHIIRA, not approved, or approved after)"] == 2
    listed = client.get(reverse("decisions:index"), {"due_regard": "before"}).content.decode()
    assert before.title in listed and late.title not in listed


def test_the_median_days_from_start_to_approval(client_for, cast):
    """Approved 3, 10 and 30 days after they were started, one approved on paper (its date
    alone); one still a draft does not count: the median of 3, 10, 21 and 30 is 15.5."""
    from assessments.models import Assessment

    for days, on_paper in [(3, False), (10, False), (21, True), (30, False)]:
        made = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
        started = made.approved_at - datetime.timedelta(days=days)
        Assessment.objects.filter(pk=made.pk).update(
            created_at=started,
            approved_at=None if on_paper else made.approved_at,
            approved_on=made.approved_at.date(),
        )
    AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    found, response = panels(client_for(cast.viewer))
    median = figures(found["EHIIRAs and cumulative impact"])["Median days from start to approval"]
    assert median == "15.5 days" and "15.5 days" in text_of(response)


def test_the_latest_board_scorecard(client_for, cast):
    review = ReviewFactory(organisation=cast.organisation, created_by=cast.author)
    approved_review(review, author=cast.author, approver=cast.approver)
    context, _ = panels(client_for(cast.viewer))
    board = context["Board assurance"]
    assert board["review"] == review
    assert sum(bar.value for bar in board["chart"].bars) == 40


def test_gaps_we_are_tracking_shows_each_indicators_direction(client_for, cast):
    first = with_figures(uptake_table(cast.organisation, by=cast.author), BASE, by=cast.author)
    with_figures(next_of(first, by=cast.author), NARROWER, by=cast.author)
    uptake_table(cast.other, by=cast.outsider)  # another system's: not shown
    shown, _ = panels(client_for(cast.author), scope=f"organisation-{cast.organisation.pk}")
    (row,) = shown["Gaps we are tracking"]["rows"]
    assert (row["gap"], row["direction"], row["periods"]) == (
        "4.1 percentage points",
        "Narrowing",
        2,
    )


def test_the_dashboard_makes_as_many_queries_for_much_data_as_for_little(client_for, cast):
    """Counted (the first view after a change) and kept (the next). The tallies counted
    ahead are counted at a first view, and make one INSERT more where a pair of groups is
    found together: then the panels are counted again from them."""
    client = client_for(cast.author)

    def counted_then_kept():
        client.get(reverse("dashboard"))
        figures_changed([cast.organisation.pk])
        found = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("dashboard")).status_code == 200
            found.append(len(queries))
        return found

    generate(cast, n=2, seed=1)
    few = counted_then_kept()
    generate(cast, n=10, seed=2)
    assert counted_then_kept() == few and few[1] < few[0]


def test_another_organisation_or_system_cannot_be_chosen(client_for, cast):
    generate(cast, n=2)
    client = client_for(cast.outsider)
    response = client.get(reverse("dashboard"), {"scope": f"organisation-{cast.organisation.pk}"})
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert response.context["panels"] == []
    response = client_for(cast.viewer).get(
        reverse("dashboard"), {"scope": f"system-{cast.organisation.system_id}"}
    )
    assert "<title>Error: " in response.content.decode()  # a system only for its members


def test_a_system_member_sees_the_whole_system(client_for, cast):
    generate(cast, n=3)
    ActionFactory(
        organisation=cast.sibling, due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    context, response = panels(
        client_for(cast.system_member), scope=f"system-{cast.organisation.system_id}"
    )
    bars = {bar.label for bar in context["Actions"]["chart"].bars}
    assert cast.sibling.name in bars
    assert cast.other.name not in response.content.decode()


@pytest.mark.parametrize("who", ["no_membership"])
def test_people_without_a_membership_get_403(client_for, cast, who):
    assert client_for(getattr(cast, who)).get(reverse("dashboard")).status_code == 403


def test_the_headline_figures_come_first_each_linking_down_and_out(client_for, cast):
    generate(cast)
    response = client_for(cast.viewer).get(reverse("dashboard"))
    page = text_of(response)
    glance = page[page.index('id="at-a-glance"') : page.index("On this page")]
    for label in [
        "Due regard paid before the decision",
        "Equity gaps tracked",
        "Groups most often found negatively affected",
        "EDS 2022 rating",
        "Board scorecard",
        "Overdue actions",
    ]:
        assert label in glance, label
    for key in ["decisions", "gaps", "impact", "eds", "board", "actions"]:
        assert f'href="#{key}"' in glance and f'<section id="{key}"' in page, key
    assert "due_regard=before" in glance
    # The figures at a glance come before any panel.
    assert page.index('id="at-a-glance"') < page.index('<section id="decisions"')


def test_the_cumulative_impact_follows_each_change_after_it_was_counted(client_for, cast):
    """The tallies are counted ahead; a change to an assessment, an impact or an action
    marks its organisation's stale, and the next view counts them again."""
    client = client_for(cast.viewer)
    group = Stage2Group.objects.order_by("pk").first()

    def shown():
        context, _ = panels(client)
        impacts = context["EHIIRAs and cumulative impact"]["groups"]
        return next((i.count, i.mitigated, i.with_actions) for i in impacts if i.group == group)

    assessment = AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
    assert shown() == (0, 0, 0)
    impact = Stage2Impact.objects.create(assessment=assessment, group=group, impact="negative")
    assert shown() == (1, 0, 0)
    impact.mitigation = "Translate the leaflet"
    impact.save()
    action = ActionFactory(organisation=cast.organisation, source=assessment)
    assert shown() == (1, 1, 1)
    action.delete()
    assessment.created_at -= datetime.timedelta(days=800)  # now before the period
    assessment.save()
    assert shown() == (0, 0, 0)


def test_the_period_typed_is_shown_back_each_time_though_the_form_is_kept(client_for, cast):
    """The dashboard's form is kept a minute (as a list's filters are), for what was typed."""
    client = client_for(cast.viewer)
    scope = f"organisation-{cast.organisation.pk}"

    def typed(day, month, year):
        params = {"scope": scope, "start_0": day, "start_1": month, "start_2": year}
        return text_of(client.get(reverse("dashboard"), params))

    wrong = typed("31", "2", "2025")
    assert "From must be a real date, for example 28 5 2021" in wrong
    assert 'id="id_start_0" name="start_0" type="text" inputmode="numeric" value="31"' in wrong
    right = typed("1", "4", "2025")
    assert "must be a real date" not in right
    assert 'name="start_0" type="text" inputmode="numeric" value="1"' in right
    again = typed("31", "2", "2025")
    assert "From must be a real date" in again and 'value="31"' in again
