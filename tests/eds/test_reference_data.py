"""The three domains and eleven outcomes, worded as the EDS 2022 reporting template."""

from eds.models import EdsDomain, EdsOutcome


def test_three_domains_and_eleven_outcomes(db):
    assert list(EdsDomain.objects.values_list("title", flat=True)) == [
        "Commissioned or provided services",
        "Workforce health and well-being",
        "Inclusive Leadership",
    ]
    codes = list(EdsOutcome.objects.values_list("code", flat=True))
    assert codes == ["1A", "1B", "1C", "1D", "2A", "2B", "2C", "2D", "3A", "3B", "3C"]
    by_domain = {d.number: d.outcomes.count() for d in EdsDomain.objects.all()}
    assert by_domain == {1: 4, 2: 4, 3: 3}


def test_outcome_wording_is_the_templates(db):
    text = dict(EdsOutcome.objects.values_list("code", "text"))
    assert text["1A"] == "Patients (service users) have required levels of access to the service"
    assert text["2C"] == (
        "Staff have access to independent support and advice when suffering from stress, "
        "abuse, bullying harassment and physical violence from any source"
    )
    assert text["3A"] == (
        "Board members, system leaders (Band 9 and VSM) and those with line management "
        "responsibilities routinely demonstrate their understanding of, and commitment to, "
        "equality and health inequalities"
    )
