"""The bench data builder: how much to make, the order it is made in (each table timed),
and what was made."""

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import timezone

from assessments.models import Stage1Question, Stage2Group
from idmf.bench_data.actions import Actions
from idmf.bench_data.assessments import Assessments
from idmf.bench_data.batches import Batches
from idmf.bench_data.decisions import Decisions
from idmf.bench_data.draws import Draws
from idmf.bench_data.eds_and_board import EdsAndBoard
from idmf.bench_data.people import Org, People, bench_data_found
from idmf.bench_data.words import Writer

YEARS = 3  # records are spread over the last three years


@dataclass(frozen=True)
class Sizes:
    """How much to make: the command's options."""

    systems: int = 5
    organisations: int = 40
    assessments: int = 10_000
    decisions: int = 5_000
    actions: int = 20_000

    def problems(self) -> list[str]:
        """Why these sizes cannot be built, as sentences for the user."""
        problems = [
            f"--{name} must be at least 1"
            for name in ("systems", "organisations")
            if getattr(self, name) < 1
        ]
        problems += [
            f"--{name} cannot be negative"
            for name in ("assessments", "decisions", "actions")
            if getattr(self, name) < 0
        ]
        return problems


class CannotSeed(Exception):
    """Why the bench data cannot be added (it is there already, or reference data is not),
    as a sentence for the user."""


@dataclass
class StageReport:
    """One table's (and its parts') rows and how long they took."""

    name: str
    seconds: float
    rows: Counter
    history: int

    def __str__(self):
        made = ", ".join(f"{n:,} {m._meta.verbose_name_plural}" for m, n in self.rows.items())
        return f"{self.name:<18} {self.seconds:7.1f} s  {made}; {self.history:,} history rows"


@dataclass
class Summary:
    """What the builder made."""

    stages: list[StageReport]
    seconds: float
    rows: Counter
    history: int
    logins: list[str]


class BenchBuilder(People, Assessments, Decisions, Actions, EdsAndBoard, Draws, Batches):
    """Builds the bench data set. `progress` is told of each table as it is finished."""

    def __init__(
        self, sizes: Sizes, *, seed: int = 1, progress: Callable[[str], None] | None = None
    ):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.write = Writer(self.rng)
        self.progress = progress or (lambda line: None)
        self.now = timezone.now()
        self.start = self.now - datetime.timedelta(days=365 * YEARS)
        self.today = timezone.localdate(self.now)
        self.rows: Counter = Counter()
        self.history = 0
        self.stages: list[StageReport] = []
        self.orgs: list[Org] = []
        self.orgs_by_pk: dict[int, Org] = {}
        self.org_weights: list[float] = []  # cumulative: some organisations are far busier

    @contextmanager
    def _stage(self, name: str):
        rows, history, started = self.rows.copy(), self.history, time.perf_counter()
        yield
        report = StageReport(
            name, time.perf_counter() - started, self.rows - rows, self.history - history
        )
        self.stages.append(report)
        self.progress(str(report))

    def build(self) -> Summary:
        found = bench_data_found()
        if found:
            raise CannotSeed(
                f"The database already holds bench data ({found}), so nothing was added: "
                "seed_bench fills a fresh database once. Use a new database, or flush this one."
            )
        self.questions = list(Stage1Question.objects.order_by("number"))
        self.groups = list(Stage2Group.objects.values_list("pk", flat=True))
        self.triggers = [q.number for q in self.questions if q.stage2_trigger_answer]
        if not self.questions or not self.groups:
            raise CannotSeed("The EHIIRA's reference data is missing: run migrate first.")
        started = time.perf_counter()
        steps = [
            ("users", self._users),
            ("organisations", self._organisations),
            ("assessments", self._assessments),
            ("decision records", self._decisions),
            ("actions", self._actions),
            ("EDS reports", self._eds_reports),
            ("board reviews", self._board_reviews),
        ]
        for name, step in steps:
            with self._stage(name):
                step()
        return Summary(
            self.stages, time.perf_counter() - started, self.rows, self.history, self._logins()
        )


def build_bench_data(
    sizes: Sizes, *, seed: int = 1, progress: Callable[[str], None] | None = None
) -> Summary:
    """Fill the database with bench data; refused (CannotSeed) if it already holds some."""
    return BenchBuilder(sizes, seed=seed, progress=progress).build()
