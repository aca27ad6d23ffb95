"""What the bench data builder draws by chance: choices by weight, moments within the three
years (one after another, never after now), organisations by how busy they are, and which
approved records are published."""

import datetime
import random
from collections.abc import Iterator

from idmf.bench_data.history import Lifecycle
from idmf.bench_data.people import Org

PUBLISHED_SHARE = 0.3  # of approved assessments, and of complete decisions


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Draws:
    """The builder's draws, with its generator `rng`, between its `start` and `now`, over
    its organisations `orgs` (their cumulative `org_weights`)."""

    # Time: every moment falls between the start of the three years and now.

    def _between(self, earliest, latest) -> datetime.datetime:
        return earliest + (latest - earliest) * self.rng.random()

    def _days_ago(self, most: int, least: int) -> datetime.datetime:
        return self.now - datetime.timedelta(days=self.rng.uniform(least, most))

    def _after(self, moment, days: float, at_least: float = 0) -> datetime.datetime:
        """A moment `at_least` to `days` days after `moment`, squeezed into what is left
        before now (a record started yesterday was approved today, not next week)."""
        earliest = min(self.now, moment + datetime.timedelta(days=at_least))
        return self._between(earliest, min(self.now, moment + datetime.timedelta(days=days)))

    def _moments(self, earliest, latest, count: int) -> list[datetime.datetime]:
        return sorted(self._between(earliest, latest) for _ in range(count))

    def _by_weight(self, count: int) -> Iterator[Org]:
        """`count` organisations, each drawn in proportion to how busy it is."""
        for _ in range(count):
            yield self.rng.choices(self.orgs, cum_weights=self.org_weights)[0]

    def _perhaps_publish(self, life: Lifecycle, *, by, share: float) -> None:
        """Put an approved record on the public register (for `share` of them), later."""
        if self.rng.random() < share:
            at = self._after(life.last, 30)
            life.change(at=at, by=by, reason="Published on the public register", published_at=at)
