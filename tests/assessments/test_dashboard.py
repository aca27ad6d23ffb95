"""The median days from start to approval, counted by the database a number of days at a time
(assessments/dashboard.py): the same as the median of every assessment's days."""

import random
import statistics

import pytest

from assessments.dashboard import median_of_counts


@pytest.mark.parametrize("seed", range(40))
def test_the_median_of_counts_is_the_median_of_the_values_written_out(seed):
    chance = random.Random(seed)
    counts = {chance.randint(0, 400): chance.randint(1, 5) for _ in range(chance.randint(1, 9))}
    written_out = [days for days, n in counts.items() for _ in range(n)]
    assert median_of_counts(counts) == statistics.median(written_out)


def test_no_approvals_have_no_median():
    assert median_of_counts({}) is None


def test_an_even_number_takes_the_mean_of_the_middle_two():
    assert median_of_counts({3: 1, 10: 1}) == 6.5
    assert median_of_counts({4: 2}) == 4
