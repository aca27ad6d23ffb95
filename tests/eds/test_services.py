"""EDS report writes: what each stores, and what each refuses with a clear message."""

import pytest
from django.utils import timezone

from eds import lifecycle, services
from eds.models import EdsReport, OutcomeGrade
from eds.report import build_report, with_parts
from idmf.actions.models import Action
from idmf.core.services import AlreadyDone, Refused, StaleEdit
from tests.core.factories import ServiceFactory
from tests.eds.factories import (
    EdsReportFactory,
    add_action,
    authorised,
    choose,
    fully_graded,
    grade,
    two_services,
)

pytestmark = pytest.mark.django_db


def fresh(report):
    return with_parts(EdsReport.objects).get(pk=report.pk)


def test_a_report_per_organisation_per_year_in_the_2022_23_form(cast):
    report = services.create_report(organisation=cast.organisation, year="2025/26", by=cast.author)
    assert report.year == "2025/26" and report.status == EdsReport.Status.DRAFT
    with pytest.raises(Refused, match="already has an EDS report for 2025/26"):
        services.create_report(organisation=cast.organisation, year="2025/26", by=cast.author)
    for wrong in ("2025", "2025/27", "25/26", "2025-26"):
        with pytest.raises(Refused, match="for example 2022/23"):
            services.create_report(organisation=cast.organisation, year=wrong, by=cast.author)


def test_services_and_partners_come_from_the_organisations_system(report, cast):
    ours = ServiceFactory(organisation=cast.sibling, name="Maternity (Sibling)")
    theirs = ServiceFactory(organisation=cast.other, name="Far away")
    with pytest.raises(Refused, match="Far away is not a service of"):
        choose(report, [ours, theirs], by=cast.author)
    with pytest.raises(Refused, match="aligned to Core20PLUS5 but is not chosen"):
        choose(report, [ours], aligned=[theirs], by=cast.author)
    choose(report, [ours], by=cast.author)
    assert list(fresh(report).services.all()) == [ours]

    def header(partners):
        return services.save_header(
            report=report,
            expected_version=fresh(report).version,
            board_sponsor="Sponsor",
            eds_lead="Lead",
            completed_by="partnership",
            partners=partners,
            completed_actions="",
            by=cast.author,
        )

    with pytest.raises(Refused, match="Other System Trust is not in"):
        header([cast.other])
    header([cast.sibling])
    assert list(fresh(report).partners.all()) == [cast.sibling]


def test_ratings_outside_0_to_3_are_refused_and_0_is_kept(report, cast):
    with pytest.raises(Refused, match="2A: A rating is 0 .Undeveloped. to 3 .Excelling., not 4"):
        grade(report, {"2A": 4}, by=cast.author)
    grade(report, {"2A": 0}, by=cast.author)
    assert OutcomeGrade.objects.get(report=report).rating == 0


def test_a_service_not_chosen_cannot_be_rated(report, cast):
    first, second = two_services(cast.organisation)
    choose(report, [first], by=cast.author)
    with pytest.raises(Refused, match="only be rated for the services chosen"):
        grade(report, {("1A", second): 2}, by=cast.author)


def test_a_stale_page_does_not_overwrite_a_colleagues_grades(report, cast):
    opened = fresh(report).version
    grade(report, {"2A": 1}, by=cast.author)
    with pytest.raises(StaleEdit):
        services.save_grades(report=report, expected_version=opened, values={}, by=cast.approver)


def test_submission_names_every_problem_then_goes_through(report, cast):
    with pytest.raises(lifecycle.SubmissionRefused) as refused:
        lifecycle.submit_report(report=report, by=cast.author)
    assert refused.value.problems[:2] == [
        "Choose at least two services for Domain 1",
        "Choose at least one service aligned to a Core20PLUS5 clinical area",
    ]
    assert "Rate outcome 3C" in refused.value.problems
    fully_graded(report, by=cast.author)
    lifecycle.submit_report(report=report, by=cast.author)
    assert fresh(report).status == EdsReport.Status.SUBMITTED
    with pytest.raises(AlreadyDone):
        lifecycle.submit_report(report=report, by=cast.author)


def test_authorised_by_an_approver_who_did_not_edit_as_signed_in_today(
    report, cast, django_user_model
):
    fully_graded(report, by=cast.approver)  # the approver drafted it
    lifecycle.submit_report(report=report, by=cast.author)
    with pytest.raises(Refused, match="report you wrote or changed"):
        lifecycle.authorise_report(report=report, years_active="2026/27", by=cast.approver)
    second = django_user_model.objects.create(username="second", first_name="Ola", last_name="B")
    second.memberships.create(organisation=cast.organisation, role="approver")
    lifecycle.authorise_report(report=report, years_active="2026/27", by=second)
    report = fresh(report)
    assert report.status == EdsReport.Status.AUTHORISED
    assert (report.authorised_by, report.authoriser_name) == (second, "Ola B")
    assert report.authorised_at.date() == timezone.now().date()
    assert report.authorised_on_behalf_of == "Dr Ada Sponsor, Chief Nurse"
    with pytest.raises(Refused, match="authorised and cannot be changed"):
        grade(report, {"2A": 3}, by=cast.author)


def test_returned_with_comments_goes_back_to_draft(report, cast):
    fully_graded(report, by=cast.author)
    lifecycle.submit_report(report=report, by=cast.author)
    lifecycle.return_report(report=report, comment="More evidence for 2B", by=cast.approver)
    report = fresh(report)
    assert report.status == EdsReport.Status.DRAFT
    assert report.return_comment == "More evidence for 2B"
    with pytest.raises(AlreadyDone):
        lifecycle.return_report(report=report, comment="again", by=cast.approver)
    grade(report, {"2B": 2}, by=cast.author)  # editable again


def test_publish_then_unpublish(report, cast):
    fully_graded(report, by=cast.author)
    with pytest.raises(Refused, match="cannot be done now"):
        lifecycle.publish_report(report=report, by=cast.approver)
    authorised(report, author=cast.author, approver=cast.approver)
    lifecycle.publish_report(report=report, by=cast.approver)
    assert fresh(report).is_published and fresh(report).published_at
    lifecycle.unpublish_report(report=report, by=cast.approver)
    assert fresh(report).status == EdsReport.Status.AUTHORISED


def _action(report, *, by, title="Run the survey again"):
    built = build_report(fresh(report))
    row = next(r for r in built.plan if r.outcome.code == "2A")
    return add_action(
        report,
        (row.outcome.pk, None),
        title=title,
        owner="HR",
        objectives={(row.outcome.pk, None): {"text": "Support staff with long-term conditions"}},
        expected_version=fresh(report).version,
        by=by,
    )


def test_next_years_report_starts_from_this_years(cast):
    report = EdsReportFactory(
        organisation=cast.organisation, created_by=cast.author, year="2025/26"
    )
    chosen = fully_graded(report, by=cast.author)
    action = _action(report, by=cast.author)
    authorised(report, author=cast.author, approver=cast.approver)
    action.status = Action.Status.DONE
    action.save()
    following = lifecycle.start_next_year(report=report, by=cast.author)
    assert following.year == "2026/27" and following.previous_year == report
    assert set(following.services.all()) == set(chosen)
    assert following.board_sponsor == report.board_sponsor
    assert following.completed_actions == (
        "2A: Run the survey again – HR, due 30 September 2026: Done"
    )
    with pytest.raises(AlreadyDone):
        lifecycle.start_next_year(report=report, by=cast.author)
    grade(following, {"2A": 2, "2B": 0}, by=cast.author)
    built = build_report(fresh(following), previous=fresh(report))
    two_a, two_b = built.domains[1].rows[:2]
    assert (str(two_a.previous), two_a.change) == ("1", "▲")
    assert (str(two_b.previous), two_b.change) == ("1", "▼")


def test_a_correction_is_a_new_version_that_replaces_the_published_one(report, cast):
    fully_graded(report, by=cast.author)
    action = _action(report, by=cast.author)
    authorised(report, author=cast.author, approver=cast.approver)
    lifecycle.publish_report(report=report, by=cast.approver)
    draft = lifecycle.start_new_version(report=report, by=cast.author)
    assert (draft.version_number, draft.year, draft.status) == (2, report.year, "draft")
    assert draft.grades.count() == report.grades.count()
    # The published version keeps its actions; the correction shows them too.
    action.refresh_from_db()
    assert action.source.report == report
    for version in (report, draft):
        plan = build_report(fresh(version)).plan
        assert [a.title for row in plan for a in row.actions] == ["Run the survey again"]
    assert fresh(report).is_published  # until the correction is published
    authorised(draft, author=cast.author, approver=cast.approver)
    with pytest.raises(Refused, match="Version 2 of this report is authorised"):
        lifecycle.unpublish_report(report=report, by=cast.approver)
        lifecycle.publish_report(report=report, by=cast.approver)
    lifecycle.publish_report(report=draft, by=cast.approver)
    assert fresh(draft).is_published and not fresh(report).is_published
    action.refresh_from_db()
    assert action.source.report == draft  # moved, not copied
    assert Action.objects.filter(title="Run the survey again").count() == 1
    with pytest.raises(Refused, match="Version 2 of this report is published"):
        lifecycle.publish_report(report=report, by=cast.approver)


def test_a_second_press_of_add_action_adds_it_once(report, cast):
    import uuid

    built = build_report(fresh(report))
    row = next(r for r in built.plan if r.outcome.code == "3A")
    token = uuid.uuid4()

    def press():
        return add_action(
            report,
            (row.outcome.pk, None),
            title="Board item",
            owner="CEO",
            submission=token,
            by=cast.author,
        )

    press()
    with pytest.raises(AlreadyDone, match="“Board item” was already added"):
        press()
    assert Action.objects.filter(title="Board item").count() == 1


def test_a_service_with_open_actions_cannot_be_unticked(report, cast):
    first, second = fully_graded(report, by=cast.author)
    outcome = build_report(fresh(report)).domains[0].rows[0].outcome
    add_action(report, (outcome.pk, second.pk), title="Audit access", owner="Lead", by=cast.author)
    with pytest.raises(Refused, match=f"open actions of 1A – {second.name} would no longer"):
        choose(report, [first], by=cast.author)
    with pytest.raises(Refused, match="would no longer show"):
        choose(report, [first, second], grading="across", by=cast.author)
    Action.objects.filter(title="Audit access").update(status=Action.Status.DONE)
    choose(report, [first], by=cast.author)  # what was typed for it stays, unshown
    assert OutcomeGrade.objects.filter(report=report, service=second).count() == 4


def test_a_grade_must_fit_how_the_report_is_rated(report, cast):
    first, _ = fully_graded(report, by=cast.author)
    with pytest.raises(Refused, match="2A is rated once, not for each service"):
        grade(report, {("2A", first): 1}, by=cast.author)
    with pytest.raises(Refused, match="1A can only be rated for the services chosen"):
        grade(report, {"1A": 1}, by=cast.author)
