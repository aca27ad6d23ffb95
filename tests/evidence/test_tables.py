"""Equity evidence tables, as an analyst and an author use them: start one, bring its figures
(typed, or from a CSV file whose every error is named), read its gap in words."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from idmf.evidence import services
from idmf.evidence.models import NOT_KNOWN, Dimension, EvidenceRow, EvidenceTable

pytestmark = pytest.mark.django_db

DETAILS = {
    "indicator": "Type 1 patients receiving FreeStyle Libre",
    "numerator": "Type 1 patients prescribed FreeStyle Libre",
    "denominator": "Type 1 patients registered",
    "source": "LLR Health Inequalities Framework",
    "source_url": "",
    "period_from": date(2023, 4, 1),
    "period_to": date(2024, 3, 31),
    "kind": EvidenceTable.Kind.PROPORTION,
    "per": None,
    "unit": "",
    "polarity": EvidenceTable.Polarity.HIGHER_BETTER,
    "illustrative": True,
    "note": "Denominators are illustrative.",
}
GOOD_CSV = (
    "group,numerator,denominator\n"
    "Quintile 1 (most deprived),290,1000\n"
    "Quintile 2,310,1000\n"
    "Quintile 3,330,1000\n"
    "Quintile 4,360,1000\n"
    "Quintile 5 (least deprived),390,1000\n"
    "Not known / not recorded,20,100\n"
)


@pytest.fixture
def table(cast):
    return services.start_table(
        organisation=cast.organisation,
        dimension=Dimension.objects.get(slug="imd_quintile"),
        values=DETAILS,
        by=cast.author,
    )


def csv_file(text: str, encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", text.encode(encoding), content_type="text/csv")


def upload(client, table, text, encoding="utf-8"):
    return client.post(
        reverse("evidence:upload", args=[table.pk]),
        {"version": table.version, "file": csv_file(text, encoding)},
    )


def test_a_new_table_has_a_row_for_each_group_and_one_for_not_known(table):
    groups = list(table.rows.values_list("group", flat=True))
    assert groups[0] == "Quintile 1 (most deprived)" and groups[-2] == "Quintile 5 (least deprived)"
    assert groups[-1] == NOT_KNOWN and len(groups) == 6


def test_an_author_starts_a_table_from_the_form(cast, client_for):
    client = client_for(cast.author)
    response = client.post(
        reverse("evidence:new"),
        {
            "organisation": cast.organisation.pk,
            "dimension": Dimension.objects.get(slug="custom").pk,
            "custom_groups": "North\nSouth\n\n",
            **{k: v for k, v in DETAILS.items() if k not in ("period_from", "period_to", "per")},
            "period_from_0": "1",
            "period_from_1": "4",
            "period_from_2": "2024",
            "period_to_0": "31",
            "period_to_1": "3",
            "period_to_2": "2025",
            "first_group": "North",
            "second_group": "South",
        },
    )
    table = EvidenceTable.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "evidence:figures", args=[table.pk]
    )
    assert list(table.rows.values_list("group", flat=True)) == ["North", "South", NOT_KNOWN]
    assert table.history.first().history_user == cast.author


def test_an_upload_with_two_errors_names_both_and_saves_nothing(cast, client_for, table):
    bad = GOOD_CSV.replace("310,1000", "31O,1000").replace("390,1000", "1390,1000")
    response = upload(client_for(cast.author), table, bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 3, column “numerator”: “31O” is not a number." in page
    assert "Row 6, column “numerator”: 1,390 is more than the denominator 1,000." in page
    assert "Quintile 4" in page and '<td class="nhsuk-table__cell">31O</td>' in page
    assert not EvidenceRow.objects.filter(table=table, numerator__isnull=False).exists()


def test_a_valid_upload_saves_every_figure_and_the_page_states_the_gap(cast, client_for, table):
    client = client_for(cast.author)
    response = upload(client, table, "\ufeff" + GOOD_CSV.replace(",", ",", 1))
    assert response.status_code == 302
    rows = {r.group: (r.numerator, r.denominator) for r in table.rows.all()}
    assert rows["Quintile 1 (most deprived)"] == (290, 1000) and rows[NOT_KNOWN] == (20, 100)
    page = client_for(cast.viewer).get(table.get_absolute_url()).content.decode()
    assert (
        "10.0 percentage points lower in Quintile 1 (most deprived) (29.0%, 95% CI 26.3% to "
        "31.9%) than in Quintile 5 (least deprived) (39.0%, 95% CI 36.0% to 42.1%); the "
        "intervals do not overlap." in page
    )
    assert (
        "Slope index of inequality 12.5 percentage points from the most deprived end to the "
        "least deprived end; relative index 1.46." in page
    )
    assert "Illustrative figures" in page and "<svg" in page


def test_windows_1252_files_are_read(cast, client_for):
    table = services.start_table(
        organisation=cast.organisation,
        dimension=Dimension.objects.get(slug="custom"),
        values=DETAILS,
        custom_groups=["Café users", "Others"],
        by=cast.author,
    )
    text = "group,numerator,denominator\nCafé users,5,10\nOthers,3,10\n"
    assert upload(client_for(cast.author), table, text, encoding="cp1252").status_code == 302
    assert table.rows.get(group="Café users").numerator == 5


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("group,nhs number,numerator,denominator\nA,1,2,3\n", "looks like patient-level data"),
        ("group,numerator,denominator\n943 476 5919,1,2\n", "looks like an NHS number"),
        ("group,numerator,denominator\n" + "x,1,2\n" * 1001, "files over 1,000 rows are refused"),
    ],
)
def test_patient_level_files_are_refused_whole(cast, client_for, table, text, says):
    response = upload(client_for(cast.author), table, text)
    assert says in response.content.decode()
    assert not EvidenceRow.objects.filter(table=table, numerator__isnull=False).exists()


def test_a_file_too_big_is_refused_before_it_is_read(table):
    from idmf.evidence import upload as reading

    class Huge:
        size = 50_000_000

        def read(self, *args):
            raise AssertionError("a refused file must not be read")

    with pytest.raises(reading.Refused, match="50.0 MB"):
        reading.read(Huge(), table)


def test_typed_figures_are_saved_with_history(cast, client_for, table):
    rows = list(table.rows.all())
    data = {"version": table.version}
    for n, row in enumerate(rows):
        data[f"row-{row.pk}-numerator"] = str(10 + n)
        data[f"row-{row.pk}-denominator"] = "100"
    response = client_for(cast.author).post(reverse("evidence:figures", args=[table.pk]), data)
    assert response.status_code == 302
    first = EvidenceRow.objects.get(pk=rows[0].pk)
    assert (
        first.numerator == 10 and first.history.first().history_change_reason == "Figures entered"
    )


def test_a_numerator_over_its_denominator_is_shown_back_with_what_was_typed(
    cast, client_for, table
):
    row = table.rows.first()
    data = {
        "version": table.version,
        f"row-{row.pk}-numerator": "700",
        f"row-{row.pk}-denominator": "70",
    }
    response = client_for(cast.author).post(reverse("evidence:figures", args=[table.pk]), data)
    page = response.content.decode()
    assert "The numerator cannot be more than the denominator" in page
    assert 'value="700"' in page and 'value="70"' in page


def test_other_organisations_cannot_see_a_table_and_viewers_cannot_edit(cast, client_for, table):
    assert client_for(cast.outsider).get(table.get_absolute_url()).status_code == 404
    assert (
        client_for(cast.viewer).get(reverse("evidence:figures", args=[table.pk])).status_code == 403
    )
    assert client_for(cast.system_member).get(table.get_absolute_url()).status_code == 200


def test_the_groups_compared_must_be_the_tables_own(cast, client_for):
    table = services.start_table(
        organisation=cast.organisation,
        dimension=Dimension.objects.get(slug="ethnicity"),
        values=DETAILS,
        by=cast.author,
    )
    data = {
        **{k: v for k, v in DETAILS.items() if k not in ("period_from", "period_to", "per")},
        "version": table.version,
        "period_from_0": "1",
        "period_from_1": "4",
        "period_from_2": "2023",
        "period_to_0": "31",
        "period_to_1": "3",
        "period_to_2": "2024",
        "first_group": "White",
        "second_group": "Martians",
    }
    url = reverse("evidence:details", args=[table.pk])
    page = client_for(cast.author).post(url, data).content.decode()
    assert "“Martians” is not one of the table’s groups" in page
    assert "<title>Error: Details of" in page
    data["second_group"] = "Black, Black British, Black Welsh, Caribbean or African"
    assert client_for(cast.author).post(url, data).status_code == 302
    table.refresh_from_db()
    assert table.second_group == data["second_group"]


def test_a_value_with_a_standard_error_has_its_interval_and_slope_in_its_unit(cast, client_for):
    table = services.start_table(
        organisation=cast.organisation,
        dimension=Dimension.objects.get(slug="imd_quintile"),
        values={
            **DETAILS,
            "kind": EvidenceTable.Kind.VALUE,
            "unit": "years",
            "illustrative": False,
        },
        by=cast.author,
    )
    *groups, not_known = table.rows.all()
    figures = {
        row.group: {"value": value, "se": 0.5, "denominator": 20_000}
        for row, value in zip(groups, [76.0, 77.5, 79.0, 80.5, 82.0], strict=True)
    }
    figures[not_known.group] = {}
    services.save_figures(
        table_id=table.pk, expected_version=table.version, figures=figures, by=cast.author
    )
    page = client_for(cast.viewer).get(table.get_absolute_url()).content.decode()
    assert (
        "6.0 years lower in Quintile 1 (most deprived) (76.0 years, 95% CI 75.0 years to 77.0 years)"
        in page
    )
    assert "Slope index of inequality 7.5 years from the most deprived end" in page


def test_unknown_duplicate_negative_and_missing_are_each_named(cast, client_for, table):
    bad = (
        "group,numerator,denominator\n"
        "Quintile 1 (most deprived),-3,1000\n"
        "Quintile 1 (most deprived),3,1000\n"
        "Quintile 9,3,1000\n"
        "Quintile 2,3,1000\n"
        "Quintile 3,3,1000\n"
        "Quintile 4,3,1000\n"
    )
    page = upload(client_for(cast.author), table, bad).content.decode()
    assert "Row 2, column “numerator”: “-3” is negative; counts cannot be." in page
    assert "Row 3, column “group”: “Quintile 1 (most deprived)” is given twice." in page
    assert "Row 4, column “group”: “Quintile 9” is not a group of this table." in page
    assert "There is no row for the group “Quintile 5 (least deprived)”." in page
    assert not EvidenceRow.objects.filter(table=table, numerator__isnull=False).exists()


def test_the_history_shows_each_figure_entered_by_whom(cast, client_for, table):
    upload(client_for(cast.author), table, GOOD_CSV)
    page = client_for(cast.viewer).get(reverse("evidence:history", args=[table.pk]))
    text = page.content.decode()
    assert "Figures uploaded from a CSV file" in text and "Quintile 1 (most deprived)" in text
    assert "290" in text and "Evidence table started" in text
