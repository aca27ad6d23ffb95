"""EDS pages as a user sees them: what each shows, what a bad press shows back, and that the
number of queries does not grow with services, outcomes graded or actions."""

import datetime
import re

import pytest
from django.urls import reverse

from eds import lifecycle
from eds.models import EdsOutcome, EdsReport, OutcomeGrade
from eds.report import build_report, with_parts
from idmf.core.dates import nhs_date
from tests.core.factories import ServiceFactory
from tests.eds.factories import (
    EdsReportFactory,
    add_action,
    choose,
    fully_graded,
    grade,
    two_services,
)
from tests.html import text_of

pytestmark = pytest.mark.django_db


def page_url(report, slug):
    return reverse("eds:page", args=[report.pk, slug])


def test_a_rating_outside_0_to_3_is_shown_back_with_everything_typed(client_for, cast, report):
    client = client_for(cast.author)
    response = client.post(
        page_url(report, "domain-2"),
        {
            "version": report.version,
            "2A-evidence": "Wellbeing survey, December",
            "2A-rating": "7",
            "2A-owner": "HR",
            "2B-evidence": "Dignity at Work policy",
            "continue": "1",
        },
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose a rating for 2A from 0 (Undeveloped) to 3 (Excelling)" in page
    assert "Wellbeing survey, December" in page and "Dignity at Work policy" in page
    assert not OutcomeGrade.objects.filter(report=report).exists()


def test_a_page_opened_before_a_colleagues_save_keeps_what_was_typed(client_for, cast, report):
    opened = report.version
    grade(report, {"2A": 1}, by=cast.approver)
    response = client_for(cast.author).post(
        page_url(report, "domain-2"),
        {"version": opened, "2B-evidence": "Staff survey 2021", "2B-rating": "1"},
    )
    page = text_of(response)
    assert "Someone else saved this report after you opened this page" in page
    assert "Staff survey 2021" in page


def test_grades_are_saved_and_the_page_goes_on_to_the_next_domain(client_for, cast, report):
    response = client_for(cast.author).post(
        page_url(report, "domain-2"),
        {"version": report.version, "2A-evidence": "Survey", "2A-rating": "0", "continue": "1"},
    )
    assert response["Location"] == page_url(report, "domain-3")
    grade_2a = OutcomeGrade.objects.get(report=report)
    assert (grade_2a.outcome.code, grade_2a.rating, grade_2a.evidence) == ("2A", 0, "Survey")
    latest = grade_2a.history.first()
    assert (latest.history_user, latest.history_change_reason) == (cast.author, "Grades saved")


def test_a_service_from_another_system_is_refused_on_the_page(client_for, cast, report):
    far = ServiceFactory(organisation=cast.other, name="Far away clinic")
    response = client_for(cast.author).post(
        page_url(report, "services"),
        {
            "version": report.version,
            "services": [far.pk],
            "domain1_grading": "per_service",
            "method": "mean_rounded",
        },
    )
    assert response.status_code == 200
    assert "Choose services of this integrated care system" in text_of(response)
    assert not with_parts(EdsReport.objects).get(pk=report.pk).services.exists()


def test_a_partnership_needs_its_partners(client_for, cast, report):
    response = client_for(cast.author).post(
        page_url(report, "about"),
        {"version": report.version, "completed_by": "partnership", "eds_lead": "Sam"},
    )
    page = text_of(response)
    assert "Choose the partner organisations, or say it was alone" in page
    assert 'value="Sam"' in page


def test_submit_names_each_problem_and_links_to_its_page(client_for, cast, report):
    response = client_for(cast.author).post(reverse("eds:check", args=[report.pk]))
    page = text_of(response)
    assert f'href="{page_url(report, "services")}">Choose at least two services' in page
    assert f'href="{page_url(report, "domain-3")}">Rate outcome 3C' in page
    assert EdsReport.objects.get(pk=report.pk).status == "draft"


def test_the_score_card_shows_working_bands_and_a_chart_with_its_data(client_for, cast, report):
    fully_graded(report, by=cast.author, per_service=(2, 3), others=2)
    page = text_of(client_for(cast.viewer).get(reverse("eds:score_card", args=[report.pk])))
    assert "1A: (2 + 3) ÷ 2 = 2.5 → 3" in page
    assert "Domain 1: 3 + 3 + 3 + 3 = 12" in page
    assert "Overall: 12 + 8 + 6 = 26" in page
    assert "26 – Achieving" in page
    assert "Under 8 Undeveloped · 8–21 Developing · 22–32 Achieving · 33 Excelling" in page
    assert '<svg role="img"' in page and "Domain 1: this year 12." in page
    assert "The chart's data" in page
    assert f'href="{reverse("eds:scoring")}"' in page


def test_next_years_report_shows_last_years_scores_and_the_change(
    client_for, cast, report, sign_off
):
    sign_off(report)
    following = lifecycle.start_next_year(report=report, by=cast.author)
    grade(following, {"2A": 2, "2B": 0, "2C": 1}, by=cast.author)
    page = text_of(client_for(cast.viewer).get(reverse("eds:detail", args=[following.pk])))
    assert f"the {report.year} report" in page
    card = text_of(client_for(cast.viewer).get(reverse("eds:score_card", args=[following.pk])))
    assert "Domain 2: last year 4, this year 3 so far." in card
    two_a = page[page.index('id="outcome-2A"') :]
    assert "Last year: 1" in two_a[:2000] and "up from last year" in two_a[:2000]


def test_authorised_reports_are_read_only_on_every_page(client_for, cast, report, sign_off):
    sign_off(report)
    client = client_for(cast.author)
    for slug in ("about", "services", "domain-1", "actions"):
        assert client.get(page_url(report, slug)).status_code == 403
    page = text_of(client.get(reverse("eds:detail", args=[report.pk])))
    assert "Check and submit" not in page
    assert "Start next year&#39;s report" in page or "Start next year's report" in page


def test_unpublishing_takes_it_off_the_public_register_at_once(
    client, client_for, cast, report, sign_off
):
    sign_off(report, publish=True)
    public = reverse("eds:public_report", args=[report.pk])
    assert client.get(public).status_code == 200
    assert "Our ICB" in text_of(client.get(reverse("eds:public_register")))
    response = client_for(cast.approver).post(reverse("eds:unpublish", args=[report.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(public).status_code == 404
    assert client.get(reverse("eds:public_report_pdf", args=[report.pk])).status_code == 404
    assert "Our ICB" not in text_of(client.get(reverse("eds:public_register")))


def test_the_list_shows_each_organisations_standing_for_the_year(client_for, cast, report):
    report.year = "2020/21"
    report.save()
    client = client_for(cast.system_member)
    page = text_of(client.get(reverse("eds:index"), {"year": "2020/21"}))
    standing = page[page.index('id="standing"') : page.index("All reports")]
    assert "Reporting year 2020/21" in standing and "28 February 2021" in standing
    assert "Our ICB" in standing and "Sibling Trust" in standing
    assert "Not started" in standing  # the sibling has no report
    assert standing.count("Late") == 2  # the deadline has passed and neither is published
    assert "Other System Trust" not in page


def test_the_list_filters_by_status_and_publication(client_for, cast, report, sign_off):
    published = EdsReportFactory(organisation=cast.sibling, created_by=cast.author)
    sign_off(published, publish=True)
    client = client_for(cast.system_member)
    page = text_of(client.get(reverse("eds:index"), {"published": "yes"}))
    assert "1 report" in page and f"EDS {published.year}" in page
    page = text_of(client.get(reverse("eds:index"), {"status": "draft"}))
    assert "1 report" in page and f"EDS {report.year}" in page
    page = text_of(client.get(reverse("eds:index"), {"year": "2022-23"}))
    assert "for example 2022/23" in page


def _add_plan(report, by, *, actions):
    built = build_report(with_parts(EdsReport.objects).get(pk=report.pk))
    for number, row in enumerate(built.plan[:actions]):
        add_action(
            report, (row.outcome.pk, row.service_id), title=f"Action {number}", owner="Owner", by=by
        )


def _small_and_large(cast, *, small_grades, large_actions):
    """A report with two services, `small_grades` and one action, and one with every
    outcome graded, four services and `large_actions` actions."""
    small = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    choose(small, by=cast.author)
    if small_grades:
        grade(small, small_grades, by=cast.author)
    _add_plan(small, cast.author, actions=1)
    large = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(large, by=cast.author)
    choose(large, two_services(cast.organisation) + two_services(cast.sibling), by=cast.author)
    _add_plan(large, cast.author, actions=large_actions)
    return small, large


@pytest.mark.parametrize("name", ["eds:detail", "eds:score_card", "eds:check"])
def test_report_pages_query_count_does_not_grow(client_for, cast, queries_for, name):
    small, large = _small_and_large(cast, small_grades={"2A": 1}, large_actions=12)
    client = client_for(cast.author)
    assert queries_for(client, reverse(name, args=[large.pk])) == queries_for(
        client, reverse(name, args=[small.pk])
    )


def test_grading_pages_query_count_does_not_grow(client_for, cast, queries_for):
    small, large = _small_and_large(cast, small_grades=None, large_actions=8)
    client = client_for(cast.author)
    for slug in ("about", "services", "domain-1", "domain-2", "actions"):
        assert queries_for(client, page_url(large, slug)) == queries_for(
            client, page_url(small, slug)
        ), slug


@pytest.mark.parametrize("name", ["eds:index", "eds:public_register"])
def test_list_query_counts_do_not_grow(client, client_for, cast, queries_for, name, sign_off):
    def published_report():
        made = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
        return sign_off(made, publish=True)

    published_report()
    viewer = client_for(cast.viewer) if name == "eds:index" else client
    before = queries_for(viewer, reverse(name))
    for _ in range(6):
        published_report()
    assert queries_for(viewer, reverse(name)) == before


def test_every_outcome_is_on_the_report_page(client_for, cast, report):
    page = text_of(client_for(cast.viewer).get(reverse("eds:detail", args=[report.pk])))
    for outcome in EdsOutcome.objects.all():
        assert outcome.text.split()[0] in page


def test_an_action_of_the_plan_links_back_to_its_report(client_for, cast, report):
    _add_plan(report, cast.author, actions=1)
    row = build_report(with_parts(EdsReport.objects).get(pk=report.pk)).plan[0]
    page = text_of(client_for(cast.viewer).get(reverse("action_detail", args=[row.actions[0].pk])))
    assert f'<a href="{reverse("eds:detail", args=[report.pk])}">' in page
    assert f"EDS report: {report.year}</a>" in page


def test_a_page_pressed_after_the_report_was_submitted_shows_back_what_was_typed(
    client_for, cast, report
):
    fully_graded(report, by=cast.author)
    opened = EdsReport.objects.get(pk=report.pk).version
    lifecycle.submit_report(report=report, by=cast.author)
    response = client_for(cast.author).post(
        page_url(report, "domain-2"),
        {"version": opened, "2A-evidence": "Late evidence", "2A-rating": "2"},
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "Someone else saved this report after you opened this page" in page
    assert "Late evidence" in page
    response = client_for(cast.author).post(  # as if opened after it was submitted
        page_url(report, "domain-2"),
        {"version": opened + 1, "2A-evidence": "Later evidence", "2A-rating": "2"},
    )
    page = text_of(response)
    assert "This report is submitted and cannot be changed" in page
    assert "Later evidence" in page


def test_authorising_a_report_that_changed_since_the_page_opened_is_refused(
    client_for, cast, report
):
    fully_graded(report, by=cast.author)
    lifecycle.submit_report(report=report, by=cast.author)
    client = client_for(cast.approver)
    page = text_of(client.get(reverse("eds:authorise", args=[report.pk])))
    opened = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    lifecycle.return_report(report=report, comment="Add 2B", by=cast.board_secretary)
    grade(report, {"2B": 2}, by=cast.author)
    lifecycle.submit_report(report=report, by=cast.author)
    response = client.post(
        reverse("eds:authorise", args=[report.pk]),
        {"version": opened, "years_active": "2026/27"},
    )
    page = text_of(response)
    assert "changed after you opened this page" in page and 'value="2026/27"' in page
    assert EdsReport.objects.get(pk=report.pk).status == "submitted"


def test_a_correction_in_draft_leaves_the_original_published_on_the_list(
    client_for, cast, report, sign_off
):
    sign_off(report, publish=True)
    lifecycle.start_new_version(report=report, by=cast.author)
    page = text_of(client_for(cast.viewer).get(reverse("eds:index"), {"year": report.year}))
    standing = page[page.index('id="standing"') : page.index("All reports")]
    assert "Yes," in standing and "(version 1)" in standing and "Late" not in standing


def test_the_public_page_shows_last_year_only_if_it_was_published(client, cast, report, sign_off):
    sign_off(report)  # never published
    following = lifecycle.start_next_year(report=report, by=cast.author)
    sign_off(following, publish=True)
    public = text_of(client.get(reverse("eds:public_report", args=[following.pk])))
    assert "Last year" not in public
    lifecycle.publish_report(report=report, by=cast.approver)
    public = text_of(client.get(reverse("eds:public_report", args=[following.pk])))
    assert "Last year" in public


def test_years_active_must_name_reporting_years(client_for, cast, report):
    fully_graded(report, by=cast.author)
    lifecycle.submit_report(report=report, by=cast.author)
    report.refresh_from_db()
    url = reverse("eds:authorise", args=[report.pk])
    page = text_of(
        client_for(cast.approver).post(url, {"version": report.version, "years_active": "0"})
    )
    assert "Enter the years the action plan runs as reporting years" in page
    assert EdsReport.objects.get(pk=report.pk).status == "submitted"


def test_a_report_published_after_its_deadline_says_so_on_its_own_page(
    client_for, cast, report, sign_off
):
    sign_off(report, publish=True)
    report.refresh_from_db()
    deadline = nhs_date(report.deadline)
    url = reverse("eds:detail", args=[report.pk])
    page = text_of(client_for(cast.viewer).get(url))
    assert f"after its deadline of {deadline}" in page  # published years after
    EdsReport.objects.filter(pk=report.pk).update(
        published_at=datetime.datetime.combine(
            report.deadline, datetime.time(12), tzinfo=datetime.UTC
        )
    )
    assert "after its deadline" not in text_of(client_for(cast.viewer).get(url))


def test_starting_a_report_opens_its_first_page_saying_so(client_for, cast):
    client = client_for(cast.approver)  # the EDS lead's team: approvers as well as authors
    response = client.post(
        reverse("eds:new"), {"organisation": cast.organisation.pk, "year": "2024/25"}, follow=True
    )
    report = EdsReport.objects.get(organisation=cast.organisation, year="2024/25")
    assert response.redirect_chain[-1][0] == page_url(report, "about")
    assert "EDS report for 2024/25 started" in text_of(response)
    assert report.created_by == cast.approver


def test_a_year_already_started_is_refused_on_the_year_field(client_for, cast, report):
    client = client_for(cast.author)
    response = client.post(
        reverse("eds:new"), {"organisation": cast.organisation.pk, "year": report.year}
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f"already has an EDS report for {report.year}" in page
    assert 'id="id_year-error"' in response.content.decode()  # said on the year itself
    assert EdsReport.objects.filter(organisation=cast.organisation).count() == 1


def test_only_the_eds_leads_team_may_start_a_report(client_for, cast):
    response = client_for(cast.viewer).get(reverse("eds:new"))
    assert response.status_code == 403
    assert "authors and approvers start its report" in text_of(response)
