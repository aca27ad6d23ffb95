"""The statistics of equity evidence, as England's public-health indicators compute them.

Pure functions, no database. They follow the published methods of the Office for Health
Improvement and Disparities' indicator statistics (Fingertips), as implemented by the R
package PHEindicatormethods, whose documented test data the unit tests reproduce:

- a proportion's 95% interval is Wilson's score interval;
- a rate's is Byar's approximation to the Poisson interval (exact, from the chi-squared
  distribution, when fewer than 10 events are counted);
- a value given with a standard error has the normal interval, value ± 1.96 × SE;
- the slope index of inequality (SII) is the slope of a regression of the groups' values on
  the midpoints of their cumulative population shares, weighted by those shares, and the
  relative index (RII) the ratio of the fitted values at the two ends of that range.

A method that does not apply is refused with `NotApplicable`, whose text says why in words.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95


class NotApplicable(ValueError):
    """The method does not apply to these figures; the message says why, in a sentence."""


def z_for(confidence: float = CONFIDENCE) -> float:
    """The two-sided standard normal quantile: 1.959964 for 95%."""
    if confidence >= 90:  # given as a percentage
        confidence /= 100
    if not 0.9 <= confidence < 1:
        raise NotApplicable("The confidence level must be between 90% and 100%.")
    return NormalDist().inv_cdf(confidence + (1 - confidence) / 2)


@dataclass(frozen=True)
class Estimate:
    """A group's value with its interval; `se` is the standard error a normal approximation
    would give it, (upper − lower) ÷ (2 × z), as the SII and the change between periods use."""

    value: float
    lower: float | None
    upper: float | None
    se: float | None = None


def _se_of(lower, upper, confidence) -> float | None:
    if lower is None or upper is None:
        return None
    return (upper - lower) / (2 * z_for(confidence))


def wilson(x: float, n: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson's score interval for the proportion x ÷ n."""
    if x < 0:
        raise NotApplicable("A count cannot be negative.")
    if n <= 0:
        raise NotApplicable("A proportion needs a denominator above zero.")
    if x > n:
        raise NotApplicable("The numerator cannot be more than the denominator.")
    z = z_for(confidence)
    spread = z * math.sqrt(z**2 + 4 * x * (1 - x / n))
    return (2 * x + z**2 - spread) / 2 / (n + z**2), (2 * x + z**2 + spread) / 2 / (n + z**2)


def proportion(x: float, n: float, confidence: float = CONFIDENCE) -> Estimate:
    lower, upper = wilson(x, n, confidence)
    return Estimate(x / n, lower, upper, _se_of(lower, upper, confidence))


def byars_lower(x: float, confidence: float = CONFIDENCE) -> float | None:
    """Byar's lower limit for a Poisson count x (None where it would fall below zero)."""
    if x < 0:
        raise NotApplicable("A count cannot be negative.")
    if x == 0:
        return None
    z = z_for(confidence)
    lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    return lower if lower >= 0 else None


def byars_upper(x: float, confidence: float = CONFIDENCE) -> float:
    if x < 0:
        raise NotApplicable("A count cannot be negative.")
    z = z_for(confidence)
    return (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3


def _poisson_cdf_above(k: int, t: float) -> float:
    """P(Gamma(k, 1) ≤ t) = P(Poisson(t) ≥ k), for a whole k ≥ 1."""
    term = math.exp(-t)
    below = term
    for i in range(1, k):
        term *= t / i
        below += term
    return 1 - below


def _gamma_quantile(k: int, p: float) -> float:
    """The p quantile of Gamma(k, 1) for a whole k ≥ 1, which is qchisq(p, 2k) ÷ 2."""
    low, high = 0.0, k + 20 * math.sqrt(k) + 20
    for _ in range(200):
        middle = (low + high) / 2
        if _poisson_cdf_above(k, middle) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def exact_poisson(x: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact Poisson interval for a count below 10, from the chi-squared distribution."""
    alpha = 1 - (confidence / 100 if confidence >= 90 else confidence)
    z_for(confidence)  # the same range check
    lower = _gamma_quantile(x, alpha / 2) if x > 0 else 0.0
    return lower, _gamma_quantile(x + 1, 1 - alpha / 2)


def rate(x: float, n: float, per: float, confidence: float = CONFIDENCE) -> Estimate:
    """The rate of x events in a population n, per `per` people, with its interval."""
    if x < 0:
        raise NotApplicable("A count cannot be negative.")
    if n <= 0:
        raise NotApplicable("A rate needs a population above zero.")
    if x < 10 and x == int(x):
        lower, upper = exact_poisson(int(x), confidence)
    else:
        lower, upper = byars_lower(x, confidence) or 0.0, byars_upper(x, confidence)
    lower, upper = lower / n * per, upper / n * per
    return Estimate(x / n * per, lower, upper, _se_of(lower, upper, confidence))


def value(
    v: float,
    *,
    se: float | None = None,
    lower: float | None = None,
    upper: float | None = None,
    confidence: float = CONFIDENCE,
) -> Estimate:
    """A value given with its standard error (the normal interval) or with its interval."""
    if se is not None:
        if se < 0:
            raise NotApplicable("A standard error cannot be negative.")
        z = z_for(confidence)
        return Estimate(v, v - z * se, v + z * se, se)
    if lower is not None and upper is not None:
        if not lower <= v <= upper:
            raise NotApplicable("The value must lie within its interval.")
        return Estimate(v, lower, upper, _se_of(lower, upper, confidence))
    return Estimate(v, None, None, None)
