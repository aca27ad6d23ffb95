"""Measures of inequality between groups, and of its change between two periods.

Pure functions over `stats.Estimate`s. Groups of an ordered dimension are given most
deprived first. The slope index of inequality follows PHEindicatormethods' `phe_sii`
(untransformed): a regression of each group's value on the midpoint of its cumulative share
of the population, weighted by that share; SII is the fitted difference from the most
deprived end (0) to the least deprived end (1), RII the fitted value at the least deprived
end divided by that at the most deprived end. Its standard error is computed, not simulated:
the SII is a weighted sum of the groups' values, so its variance is the sum of the squared
weights times the groups' variances (a normal approximation, said so on the page).
"""

import math
from dataclasses import dataclass

from idmf.evidence.stats import Estimate, NotApplicable, z_for


@dataclass(frozen=True)
class Gap:
    """The difference `first` − `second` (absolute, in the indicator's unit) and their ratio."""

    difference: float
    ratio: float | None
    se: float | None  # of the difference, from the groups' standard errors
    intervals_overlap: bool | None

    def interval(self, confidence=0.95) -> tuple[float, float] | None:
        if self.se is None:
            return None
        z = z_for(confidence)
        return self.difference - z * self.se, self.difference + z * self.se


def gap(first: Estimate, second: Estimate) -> Gap:
    se = None
    if first.se is not None and second.se is not None:
        se = math.sqrt(first.se**2 + second.se**2)
    overlap = None
    if None not in (first.lower, first.upper, second.lower, second.upper):
        overlap = first.lower <= second.upper and second.lower <= first.upper
    ratio = first.value / second.value if second.value else None
    return Gap(first.value - second.value, ratio, se, overlap)


@dataclass(frozen=True)
class Slope:
    sii: float
    rii: float | None
    intercept: float  # the fitted value at the most deprived end
    se: float | None  # of the SII; None where a group has no interval


def midpoints(populations: list[float]) -> list[float]:
    """Each group's midpoint of the cumulative population share, in the order given."""
    total = sum(populations)
    points, before = [], 0.0
    for population in populations:
        share = population / total
        points.append(before + share / 2)
        before += share
    return points


def slope_index(groups: list[tuple[Estimate, float | None]]) -> Slope:
    """SII and RII of (estimate, population) pairs, most deprived group first."""
    if len(groups) < 3:
        raise NotApplicable(
            "The slope index of inequality needs at least 3 ordered groups; this table has "
            f"{len(groups)}."
        )
    populations = [population for _, population in groups]
    if any(population is None for population in populations):
        raise NotApplicable(
            "The slope index of inequality needs every group's population, and at least one "
            "is missing."
        )
    if any(population <= 0 for population in populations):
        raise NotApplicable(
            "The slope index of inequality needs every group's population to be above zero."
        )
    total = sum(populations)
    weights = [population / total for population in populations]
    xs = midpoints(populations)
    ys = [estimate.value for estimate, _ in groups]
    # Weighted least squares of y on (1, x), weights summing to 1.
    mean_x = sum(w * x for w, x in zip(weights, xs, strict=True))
    mean_y = sum(w * y for w, y in zip(weights, ys, strict=True))
    spread = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, xs, strict=True))
    coefficients = [w * (x - mean_x) / spread for w, x in zip(weights, xs, strict=True)]
    sii = sum(c * y for c, y in zip(coefficients, ys, strict=True))
    intercept = mean_y - sii * mean_x
    rii = (intercept + sii) / intercept if intercept else None
    errors = [estimate.se for estimate, _ in groups]
    se = None
    if None not in errors:
        se = math.sqrt(sum((c * e) ** 2 for c, e in zip(coefficients, errors, strict=True)))
    return Slope(sii, rii, intercept, se)


def completeness(known: float, not_known: float) -> float | None:
    """The share of the whole denominator recorded as "not known" (None if there is none)."""
    whole = known + not_known
    return not_known / whole if whole else None


@dataclass(frozen=True)
class Change:
    """How a measure moved from a baseline to now: `difference` is now − baseline."""

    baseline: float
    now: float
    difference: float
    lower: float
    upper: float
    verdict: str  # "narrowed", "widened" or "no change beyond chance"


def change(baseline: float, baseline_se: float, now: float, now_se: float) -> Change:
    """Whether a gap (or SII) between groups narrowed or widened beyond chance: the 95%
    interval of the change in its size excludes zero."""
    difference = now - baseline
    z = z_for()
    se = math.sqrt(baseline_se**2 + now_se**2)
    lower, upper = difference - z * se, difference + z * se
    size_change_low = abs(now) - abs(baseline) - z * se
    size_change_high = abs(now) - abs(baseline) + z * se
    if size_change_high < 0:
        verdict = "narrowed"
    elif size_change_low > 0:
        verdict = "widened"
    else:
        verdict = "no change beyond chance"
    return Change(baseline, now, difference, lower, upper, verdict)
