"""Every list page exports its filtered rows as CSV: all of them, only what the user may
see, with formulas neutralised."""

import csv
import io

import pytest
from django.urls import reverse

from tests.assessments.factories import AssessmentFactory
from tests.boardtool.factories import ReviewFactory
from tests.core.factories import ActionFactory
from tests.decisions.factories import DecisionRecordFactory
from tests.eds.factories import EdsReportFactory

LISTS = ["action_list", "assessments:index", "decisions:index", "eds:index", "boardtool:index"]
FORMULA = "=cmd|' /C calc'!A0"


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def records_in(organisation, *, by, text):
    AssessmentFactory(organisation=organisation, created_by=by, title=text)
    DecisionRecordFactory(organisation=organisation, created_by=by, title=text)
    EdsReportFactory(organisation=organisation, created_by=by, eds_lead=text)
    ReviewFactory(organisation=organisation, created_by=by, board=text)
    ActionFactory(organisation=organisation, created_by=by, title=text)


@pytest.mark.parametrize("name", LISTS)
def test_the_csv_holds_only_what_the_user_may_see(client_for, cast, name):
    records_in(cast.organisation, by=cast.author, text=FORMULA)
    records_in(cast.other, by=cast.outsider, text="Secret of the other system")
    response = client_for(cast.author).get(reverse(name), {"format": "csv", "whose": "all"})
    rows = rows_of(response)
    body = "\n".join(",".join(row) for row in rows)
    assert len(rows) == 2, rows  # the heading, and our organisation's one record
    assert "Secret of the other system" not in body and cast.other.name not in body
    assert cast.organisation.name in body
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_pack_and_organisation_lists_export_too(client_for, cast):
    from tests.boardtool.factories import pack_in

    pack_in(cast.organisation, by=cast.board_secretary)
    pack_in(cast.other, by=cast.outsider)
    client = client_for(cast.board_secretary)
    packs = rows_of(client.get(reverse("boardtool:packs"), {"format": "csv"}))
    assert len(packs) == 2 and packs[1][1] == cast.organisation.name
    assert "format=csv" in client.get(reverse("boardtool:packs")).content.decode()
    organisations = rows_of(client.get(reverse("organisation_list"), {"format": "csv"}))
    names = {row[0] for row in organisations[1:]}
    assert cast.organisation.name in names and cast.other.name not in names


@pytest.mark.parametrize("name", LISTS)
def test_the_list_page_links_its_csv(client_for, cast, name):
    records_in(cast.organisation, by=cast.author, text="Some record")
    page = client_for(cast.author).get(reverse(name), {"whose": "all"}).content.decode()
    assert "format=csv" in page and "as CSV" in page


def test_anonymous_visitors_get_no_csv(client):
    response = client.get(reverse("assessments:index"), {"format": "csv"})
    assert response.status_code == 302
