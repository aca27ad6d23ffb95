"""The EDS part of the dashboard: each final report's score card is worked out once and kept
(a final report never changes); a new version is scored afresh; what the page shows is the
card worked out from the report's own grades."""

import pytest
from django.urls import reverse

from eds import lifecycle
from eds.dashboard import final_reports, score_cards
from eds.models import EdsReport
from eds.report import reference_domains, score_card_of, with_parts
from idmf.core.dashboard_page import scopes_for
from tests.eds.factories import EdsReportFactory, authorised, fully_graded

pytestmark = pytest.mark.django_db


def scope(cast):
    return scopes_for(cast.viewer)[f"organisation-{cast.organisation.pk}"].scope(
        start=None, end=None
    )


def worked_out(report) -> str:
    card = score_card_of(with_parts(EdsReport.objects).get(pk=report.pk), reference_domains())
    return f"{card.overall} ({card.band.label})"


def test_a_final_reports_card_is_kept_and_a_new_version_scored_afresh(
    cast, client_for, django_assert_max_num_queries
):
    first = EdsReportFactory(organisation=cast.organisation, created_by=cast.author)
    fully_graded(first, by=cast.author, per_service=(1, 1), others=1)
    authorised(first, author=cast.author, approver=cast.approver)
    page = client_for(cast.viewer).get(reverse("dashboard")).content.decode()
    assert worked_out(first) in page

    reports = final_reports(scope(cast))
    with django_assert_max_num_queries(0):  # kept: no parts fetched, no reference read
        (card,) = score_cards(reports).values()
    assert f"{card.overall} ({card.band.label})" == worked_out(first)

    second = lifecycle.start_new_version(report=EdsReport.objects.get(pk=first.pk), by=cast.author)
    fully_graded(second, by=cast.author, per_service=(3, 3), others=3)
    authorised(second, author=cast.author, approver=cast.approver)
    page = client_for(cast.viewer).get(reverse("dashboard")).content.decode()
    assert worked_out(second) != worked_out(first) and worked_out(second) in page
