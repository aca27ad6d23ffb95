"""The statistics reproduce PHEindicatormethods' published test data to at least 4 significant
figures (most to 10), and refuse with a sentence where a method does not apply."""

import pytest

from idmf.evidence import inequality, stats
from idmf.evidence.stats import NotApplicable
from tests.evidence.reference_data import BYARS, RATES, SII, WILSON

SIGNIFICANT = 1e-6  # relative: far tighter than the 4 significant figures asked for


def close(expected):
    return pytest.approx(expected, rel=SIGNIFICANT)


@pytest.mark.parametrize(("x", "n", "confidence", "lower", "upper"), WILSON)
def test_wilson_matches_the_reference(x, n, confidence, lower, upper):
    assert stats.wilson(x, n, confidence) == (close(lower), close(upper))


@pytest.mark.parametrize(("x", "confidence", "lower", "upper"), BYARS)
def test_byars_matches_the_reference(x, confidence, lower, upper):
    assert stats.byars_lower(x, confidence) == (None if lower is None else close(lower))
    assert stats.byars_upper(x, confidence) == close(upper)


@pytest.mark.parametrize(("x", "n", "per", "value", "low95", "high95", "low998", "high998"), RATES)
def test_rates_match_the_reference_exact_below_ten_events(
    x, n, per, value, low95, high95, low998, high998
):
    at95 = stats.rate(x, n, per)
    assert (at95.value, at95.lower, at95.upper) == (close(value), close(low95), close(high95))
    at998 = stats.rate(x, n, per, confidence=99.8)
    assert (at998.lower, at998.upper) == (close(low998), close(high998))


@pytest.mark.parametrize(("case", "values", "populations", "sii", "rii"), SII)
def test_slope_index_matches_the_reference(case, values, populations, sii, rii):
    groups = [(stats.value(v), p) for v, p in zip(values, populations, strict=True)]
    slope = inequality.slope_index(groups)
    assert slope.sii == pytest.approx(sii, rel=1e-9), case
    assert slope.rii == pytest.approx(rii, rel=1e-9), case


def test_a_value_with_a_standard_error_has_the_normal_interval():
    estimate = stats.value(80.0, se=1.5)
    assert (estimate.lower, estimate.upper) == (close(80 - 1.959964 * 1.5), close(82.939946))


def test_a_proportions_standard_error_comes_from_its_interval():
    estimate = stats.proportion(65, 100)
    assert estimate.se == close((estimate.upper - estimate.lower) / (2 * 1.959963985))


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda: stats.wilson(-1, 10), "A count cannot be negative."),
        (lambda: stats.wilson(11, 10), "The numerator cannot be more than the denominator."),
        (lambda: stats.wilson(1, 0), "A proportion needs a denominator above zero."),
        (lambda: stats.rate(5, 0, 1000), "A rate needs a population above zero."),
        (lambda: stats.value(5, se=-1), "A standard error cannot be negative."),
        (lambda: stats.value(5, lower=6, upper=7), "The value must lie within its interval."),
        (lambda: stats.z_for(0.8), "The confidence level must be between 90% and 100%."),
        (
            lambda: inequality.slope_index([(stats.value(1), 10), (stats.value(2), 10)]),
            "needs at least 3 ordered groups; this table has 2.",
        ),
        (
            lambda: inequality.slope_index([(stats.value(v), None) for v in (1, 2, 3)]),
            "needs every group's population, and at least one is missing.",
        ),
        (
            lambda: inequality.slope_index([(stats.value(v), 0) for v in (1, 2, 3)]),
            "needs every group's population to be above zero.",
        ),
    ],
)
def test_methods_refuse_with_a_sentence(call, says):
    with pytest.raises(NotApplicable) as refused:
        call()
    assert says in str(refused.value)


def test_the_gap_between_the_fsl_quintiles_is_ten_points_and_the_intervals_do_not_overlap():
    most, least = stats.proportion(290, 1000), stats.proportion(390, 1000)
    gap = inequality.gap(most, least)
    assert gap.difference == pytest.approx(-0.10)
    assert gap.ratio == pytest.approx(29 / 39)
    assert gap.intervals_overlap is False
    low, high = gap.interval()
    assert low < -0.10 < high < 0


def test_the_sii_standard_error_is_the_weighted_sum_of_the_groups_variances():
    groups = [(stats.value(v, se=1.0), 100) for v in (10, 20, 30)]
    slope = inequality.slope_index(groups)
    # Equal populations: midpoints 1/6, 1/2, 5/6; the slope's weights are (−1.5, 0, 1.5).
    assert slope.sii == pytest.approx(30.0)
    assert slope.se == pytest.approx((2 * 1.5**2) ** 0.5)


@pytest.mark.parametrize(
    ("baseline", "now", "verdict"),
    [
        (-10.0, -4.1, "narrowed"),
        (-4.1, -10.0, "widened"),
        (-10.0, -9.0, "no change beyond chance"),
    ],
)
def test_change_is_computed_never_chosen(baseline, now, verdict):
    moved = inequality.change(baseline, 1.0, now, 1.0)
    assert moved.verdict == verdict
    assert moved.difference == pytest.approx(now - baseline)


def test_completeness_is_the_share_not_known():
    assert inequality.completeness(900, 100) == pytest.approx(0.10)
    assert inequality.completeness(0, 0) is None
