"""Bench data: a large, realistic data set to time pages and queries against.

`python manage.py seed_bench` builds it. Every record is left as the tools' own services
would leave it (statuses reached in order, dates that follow one another, a history row
for each change naming who made it and why), but rows are written in batches with
bulk_create and generated a batch at a time, so that 100,000 assessments fit in memory
and take minutes, not hours.
"""

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate, islice

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

from assessments.models import (
    Assessment,
    PersonResponsible,
    Stage1Answer,
    Stage1Question,
    Stage2Group,
    Stage2Impact,
)
from boardtool.models import Review
from eds.models import EdsReport
from idmf.core.dates import nhs_date
from idmf.core.models import Action, Membership, Organisation, Role, Service, System, person_name
from idmf.decisions import rules as decision_rules
from idmf.decisions.models import DecisionRecord, DecisionStep

BENCH_PASSWORD = "Bench-Password-2026"
SYSTEM_PREFIX = "Bench system"
ORGANISATION_PREFIX = "Bench organisation"
USERNAME_PREFIX = "bench."
REASON = "Bench data"
BATCH = 2000
YEARS = 3  # records are spread over the last three years
SERVICES_PER_ORGANISATION = 3

# The organisation's people, one per role: (role, username suffix).
ROLE_LOGINS = [
    (Role.AUTHOR, "author"),
    (Role.APPROVER, "approver"),
    (Role.BOARD_SECRETARY, "secretary"),
    (Role.VIEWER, "viewer"),
    (Role.ORGANISATION_ADMIN, "admin"),
]

Status = Assessment.Status
ASSESSMENT_STATUSES = {
    Status.DRAFT: 35,
    Status.SUBMITTED: 15,
    Status.RETURNED: 5,
    Status.APPROVED: 45,
}
OUTCOMES = {"no_major_change": 60, "adjust": 28, "continue": 8, "stop": 4}
STAGE2_SHARE = 0.04  # of submitted, returned and approved assessments
PUBLISHED_SHARE = 0.3  # of approved assessments, and of complete decisions
# How many of the six steps decision records have completed (0 … 6).
STEP_WEIGHTS = [12, 14, 14, 13, 12, 10, 25]
IMPACTS = {"positive": 25, "neutral": 30, "negative": 15, "not_known": 10, "none": 20}
# An action's status, by whether it is past its due date.
ACTION_STATUSES = {
    True: {"done": 55, "in_progress": 20, "open": 15, "dropped": 10},
    False: {"open": 50, "in_progress": 35, "done": 12, "dropped": 3},
}
EDS_STATUSES = {"draft": 40, "submitted": 15, "authorised": 15, "published": 30}
REVIEW_STATUSES = {"draft": 40, "submitted": 20, "approved": 40}


def _phrases(text: str) -> tuple[str, ...]:
    """A word list written as text: its phrases parted by "|" or a new line."""
    return tuple(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())


# Word lists the text is built from: plain NHS wording, nothing real.
FIRST_NAMES = _phrases("""
    Amira | Ben | Chloe | Daniel | Ebony | Farah | George | Hannah | Imran | Jade | Kwame
    Laura | Mohammed | Nadia | Oliver | Priya | Rhys | Sana | Tom | Uzma | Victoria | Wei
    Yusuf | Zoe | Grace | Olu | Sam | Aisha
""")
LAST_NAMES = _phrases("""
    Khan | Patel | Osei | Lewis | Hughes | Rahman | Turner | Adeyemi | Smith | Jones
    Williams | Taylor | Brown | Davies | Evans | Wilson | Thomas | Roberts | Ahmed | Singh
    Begum | Okafor | Nowak | Walsh | Chen | Mensah
""")
JOB_TITLES = _phrases("""
    Head of Equality, Diversity and Inclusion | Service Manager | Clinical Lead
    Deputy Director of Nursing | Head of Patient Experience | Programme Manager
    Associate Director of Strategy | Public Health Consultant | Matron | Transformation Lead
    Head of Commissioning | Quality Improvement Lead
""")
APPROVER_ROLE = "Equality and Inclusion Business Partner"
SERVICE_NAMES = _phrases("""
    Community diabetes clinics | Musculoskeletal physiotherapy | Stroke rehabilitation
    Adult community nursing | Perinatal mental health | Urgent treatment centre | Phlebotomy
    Children's speech and language therapy | Memory assessment | Cardiac rehabilitation
    Sexual health | Falls prevention | Wheelchair services | End of life care
    Outpatient dermatology | Hypertension case-finding | Maternity | Community respiratory
    Early cancer diagnosis | Learning disability liaison
""")
CORE20PLUS5 = {
    "Maternity": "maternity",
    "Perinatal mental health": "smi",
    "Community respiratory": "respiratory",
    "Early cancer diagnosis": "cancer",
    "Hypertension case-finding": "hypertension",
}
CHANGES = _phrases("""
    Redesign of | Relocation of | Extension of | Review of | Consolidation of
    Digital transformation of | Procurement of | Decommissioning of | Expansion of
    Integration of | New opening hours for | New referral criteria for
    Move to a single point of access for
""")
# A title or an action may also end without one of these.
TITLE_TAILS = _phrases("""
    in the north locality | across the city and county | at the community hospital
    in primary care networks | following the winter review | for adults aged 65 and over
    for children and young people | from April | as part of the system recovery plan
    with the voluntary sector | in the most deprived neighbourhoods
""") + ("",)
SUBJECTS = _phrases("""
    The proposal | The new pathway | This service change | The revised policy | The pilot
    The redesigned clinic model | The procurement | The digital front door
    The consolidated rota | The outreach programme | The new referral criteria
""")
EFFECTS = _phrases("""
    will improve access for | may reduce face-to-face appointments for
    is expected to shorten waiting times for | could widen the gap in uptake among
    will change how referrals are made for | is likely to benefit
    may create travel barriers for | will need reasonable adjustments for
    has been co-designed with | will be monitored for its effect on
""")
GROUPS = _phrases("""
    older people | people with a learning disability | autistic people | unpaid carers
    people whose first language is not English | people living in the most deprived quintile
    Gypsy, Roma and Traveller communities | people experiencing homelessness
    pregnant women and new parents | young people leaving care | veterans
    people with severe mental illness | disabled staff | night-shift staff
    people from Black, Asian and minority ethnic communities
    lesbian, gay, bisexual and trans people | people who are digitally excluded
    refugees and people seeking asylum
""")
WHERE = _phrases("""
    across the city | in rural localities | in the north of the county
    at the community hospital | in primary care networks | over the winter months
    during the first year | at evening and weekend clinics
    compared with the last three years | according to local population health data
""")
EVIDENCE = _phrases("""
    Uptake data by ethnicity and deprivation quintile | The 2021 Census
    Patient experience feedback | The health equity audit | The staff survey
    Engagement with the patient panel | Waiting list data | Healthwatch's report
    Local authority public health data | The Core20PLUS5 dashboard
""")
FINDINGS = _phrases("""
    shows lower uptake among | shows longer waits for | shows higher did-not-attend rates for
    suggests good outcomes for | highlights poorer experience reported by
    shows no difference in access for
""")
MITIGATIONS = _phrases("""
    interpreters at every appointment | easy read letters | a text reminder service
    transport support for rural patients | extended opening hours | a named link worker
    outreach clinics in community venues | training for reception staff
    a telephone option alongside the online form
    reasonable adjustments flagged on the patient record
""")
ACTION_TASKS = _phrases("""
    Collect uptake data by ethnicity and deprivation quintile
    Translate patient letters into the five most spoken local languages
    Report progress on the equality actions to the Quality Committee
    Train reception staff in reasonable adjustments
    Agree transport support with the local authority
    Publish the assessment on the public website
    Repeat the engagement with the patient panel
    Audit access by postcode
    Set up an outreach clinic in a community venue
    Review the easy read version with people with a learning disability
    Add a telephone option to the online booking form
    Monitor did-not-attend rates by group
""")
ACTION_TAILS = _phrases("""
    by the end of the quarter | before the service goes live | with the voluntary sector
    for the next board meeting | and share the findings with the system partnership
""") + ("",)
BOARDS = _phrases("""
    Trust Board | ICB Board | Quality Committee | People Committee
    Health Inequalities Committee
""")


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


@dataclass(frozen=True)
class Event:
    """One history row to write for a row: what happened, when, by whom and why. `state`
    is the row's fields as they were then (None: as the row ends up)."""

    kind: str
    at: datetime.datetime
    by: int | None
    reason: str
    state: dict | None = None


def created(obj, *, at, by, reason=REASON):
    """Mark a new row as made by user id `by` at `at`: its history is one "+" row."""
    obj._bench_events = [Event("+", at, by, reason)]
    return obj


def _tracked(model) -> list[str]:
    """The fields (attnames, less the primary key) a model's history rows record."""
    history = get_history_model_for_model(model)
    return [f.attname for f in history.tracked_fields if not f.primary_key]


class Lifecycle:
    """A record's changes as its tool's services would make them, one after another: each
    leaves a history row with the record's fields as they were then, and the record ends in
    its last state (its `updated_at` the last change's, its lock `version` counting them)."""

    def __init__(self, obj, *, at, by):
        self.obj = obj
        self.names = _tracked(type(obj))
        obj.created_at = obj.updated_at = at
        obj._bench_events = [Event("+", at, by, REASON, self._state())]

    def _state(self) -> dict:
        return {name: getattr(self.obj, name) for name in self.names}

    def change(self, *, at, by, reason, **values):
        for name, value in values.items():
            setattr(self.obj, name, value)
        self.obj.updated_at = at
        self.obj.version += 1
        self.obj._bench_events.append(Event("~", at, by, reason, self._state()))

    @property
    def last(self) -> datetime.datetime:
        return self.obj.updated_at


def _history_rows(model, objs) -> Iterator[models.Model]:
    """The history rows the (saved) rows' events call for."""
    history = get_history_model_for_model(model)
    names = _tracked(model)
    for obj in objs:
        final = None
        for event in obj._bench_events:
            if event.state is None and final is None:
                final = {name: getattr(obj, name) for name in names}
            yield history(
                **(event.state or final),
                id=obj.pk,
                history_date=event.at,
                history_user_id=event.by,
                history_change_reason=event.reason,
                history_type=event.kind,
            )


@contextmanager
def _stamps_as_given(model):
    """Let bulk_create store the `updated_at` the builder chose: an auto_now field would
    stamp every row with the moment of the insert instead. Put back afterwards."""
    stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in stamped:
        f.auto_now = False
    try:
        yield
    finally:
        for f in stamped:
            f.auto_now = True


def _chunks(rows: Iterable, size: int = BATCH) -> Iterator[list]:
    """`rows` a batch at a time: a generator's rows are made only as each batch is taken."""
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def bench_data_found() -> str:
    """What bench data the database already holds ("" if none)."""
    if System.objects.filter(name__startswith=SYSTEM_PREFIX).exists():
        return f'systems named "{SYSTEM_PREFIX} …"'
    if get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).exists():
        return f'users named "{USERNAME_PREFIX}…"'
    return ""


class Writer:
    """Plausible NHS names and text from the word lists, drawn with the builder's generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def full_name(self) -> str:
        return " ".join(self.name())

    def _fitted(self, make: Callable[[], str], lo: int, hi: int) -> str:
        """A text from `make` between lo and hi characters long (cut at a word if need be)."""
        for _ in range(20):
            text = make()
            if lo <= len(text) <= hi:
                return text
        return text[:hi].rsplit(" ", 1)[0] if len(text) > hi else text.ljust(lo, ".")

    def title(self, lo: int = 40, hi: int = 100) -> str:
        choice = self.rng.choice

        def make():
            return f"{choice(CHANGES)} {choice(SERVICE_NAMES).lower()} {choice(TITLE_TAILS)}"

        return self._fitted(lambda: make().strip(), lo, hi)

    def action_title(self) -> str:
        choice = self.rng.choice
        return self._fitted(
            lambda: f"{choice(ACTION_TASKS)} {choice(ACTION_TAILS)}".strip(), 30, 120
        )

    def sentence(self) -> str:
        choice = self.rng.choice
        kind = self.rng.random()
        if kind < 0.45:
            return f"{choice(SUBJECTS)} {choice(EFFECTS)} {choice(GROUPS)} {choice(WHERE)}."
        if kind < 0.8:
            return f"{choice(EVIDENCE)} {choice(FINDINGS)} {choice(GROUPS)} {choice(WHERE)}."
        return f"Mitigations include {choice(MITIGATIONS)} and {choice(MITIGATIONS)}."

    def text(self, lo: int, hi: int) -> str:
        """Sentences making between lo and hi characters."""
        target = self.rng.randint(lo, hi)
        parts, size = [], -1
        while size < target:
            parts.append(self.sentence())
            size += len(parts[-1]) + 1
        text = " ".join(parts)
        if len(text) > hi:
            text = text[: hi - 1].rsplit(" ", 1)[0].rstrip(",.") + "."
        return text


@dataclass
class Org:
    """An organisation as the builder uses it: its people and the ids of its records."""

    pk: int
    users: dict  # role → user
    services: list[str]
    assessments: list[int] = field(default_factory=list)
    approved: list[tuple[int, datetime.datetime]] = field(default_factory=list)
    decisions: list[int] = field(default_factory=list)

    def user(self, role):
        return self.users[role].pk


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


@dataclass(frozen=True)
class AssessmentPlan:
    """What an assessment's parts will be: its answers, its Stage 2 and when they were saved."""

    answered: int
    answered_at: datetime.datetime
    stage2_at: datetime.datetime | None = None
    trigger: int | None = None  # the question whose answer requires Stage 2


class BenchBuilder:
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

    # Writing.

    def _insert(self, model, objs: list) -> list:
        """Insert one batch of rows (getting their ids) and the history rows they call for."""
        with _stamps_as_given(model):
            model._default_manager.bulk_create(objs)
        self.rows[model] += len(objs)
        try:
            history = get_history_model_for_model(model)
        except NotHistoricalModelError:
            return objs
        rows = history._default_manager.bulk_create(_history_rows(model, objs))
        self.history += len(rows)
        return objs

    def _insert_all(self, model, objs: Iterable) -> None:
        for chunk in _chunks(objs):
            self._insert(model, chunk)

    def _make(self, model, new, count: int, *, parts=None, each=None) -> None:
        """Make `count` rows of `model` (`new(org)` each, for organisations drawn by
        `_by_weight`), a batch at a time, each batch in one transaction with its parts
        (`parts(batch)`: (model, rows) pairs); then `each(row)` for the batch's rows."""
        for chunk in _chunks(new(org) for org in self._by_weight(count)):
            with transaction.atomic():
                self._insert(model, chunk)
                for part, rows in parts(chunk) if parts else ():
                    self._insert_all(part, rows)
            for row in chunk if each else ():
                each(row)

    def _by_weight(self, count: int) -> Iterator[Org]:
        """`count` organisations, each drawn in proportion to how busy it is."""
        for _ in range(count):
            yield self.rng.choices(self.orgs, cum_weights=self.org_weights)[0]

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

    # Users, systems, organisations, services and memberships.

    def _users(self) -> None:
        """Five people per organisation and a viewer per system, one password hash for all."""
        password = make_password(BENCH_PASSWORD)
        User = get_user_model()
        self.setup_at = self.start - datetime.timedelta(days=30)

        def user(username):
            first, last = self.write.name()
            made = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.nhs.uk",
                password=password,
                date_joined=self.setup_at,
            )
            return created(made, at=self.setup_at, by=None, reason="Account made")

        with transaction.atomic():
            self.org_users = [
                {role: user(f"{USERNAME_PREFIX}o{n}.{suffix}") for role, suffix in ROLE_LOGINS}
                for n in range(1, self.sizes.organisations + 1)
            ]
            self.system_users = [
                user(f"{USERNAME_PREFIX}s{n}.viewer") for n in range(1, self.sizes.systems + 1)
            ]
            everyone = [u for users in self.org_users for u in users.values()]
            self._insert_all(User, everyone + self.system_users)

    def _admin_of_system(self, number: int) -> int | None:
        """The system's set-up is by the admin of its first organisation (its ICB)."""
        if number <= len(self.org_users):
            return self.org_users[number - 1][Role.ORGANISATION_ADMIN].pk
        return None

    def _organisations(self) -> None:
        at, sizes = self.setup_at, self.sizes
        with transaction.atomic():
            systems = []
            for n in range(1, sizes.systems + 1):
                system = System(name=f"{SYSTEM_PREFIX} {n}", short_name=f"BS{n}")
                systems.append(created(system, at=at, by=self._admin_of_system(n)))
            self._insert(System, systems)
            organisations = []
            for n, users in enumerate(self.org_users, start=1):
                # The first organisation of each system is its integrated care board.
                icb = n <= sizes.systems
                organisation = Organisation(
                    system_id=systems[(n - 1) % sizes.systems].pk,
                    name=f"{ORGANISATION_PREFIX} {n}",
                    short_name=f"BO{n}",
                    kind=Organisation.Kind.ICB if icb else Organisation.Kind.NHS_TRUST,
                )
                organisations.append(
                    created(organisation, at=at, by=users[Role.ORGANISATION_ADMIN].pk)
                )
            self._insert(Organisation, organisations)
            self.orgs = [
                Org(o.pk, users, self.rng.sample(SERVICE_NAMES, SERVICES_PER_ORGANISATION))
                for o, users in zip(organisations, self.org_users, strict=True)
            ]
            self.orgs_by_pk = {org.pk: org for org in self.orgs}
            self.org_weights = list(accumulate(self.rng.uniform(0.2, 3.0) for _ in self.orgs))
            self._insert_all(Service, self._services(organisations))
            self._insert_all(Membership, self._memberships(systems))

    def _services(self, organisations) -> Iterator[Service]:
        for org, organisation in zip(self.orgs, organisations, strict=True):
            commissioner = organisation.kind == Organisation.Kind.ICB
            for name in org.services:
                service = Service(
                    organisation_id=org.pk,
                    name=name,
                    relationship="commissioned" if commissioner else "provided",
                    core20plus5_area=CORE20PLUS5.get(name, ""),
                )
                yield created(service, at=self.setup_at, by=org.user(Role.ORGANISATION_ADMIN))

    def _memberships(self, systems) -> Iterator[Membership]:
        for org in self.orgs:
            admin = org.user(Role.ORGANISATION_ADMIN)
            for role, user in org.users.items():
                membership = Membership(user_id=user.pk, organisation_id=org.pk, role=role)
                yield created(membership, at=self.setup_at, by=admin)
        for n, (system, user) in enumerate(zip(systems, self.system_users, strict=True), 1):
            membership = Membership(user_id=user.pk, system_id=system.pk, role=Role.VIEWER)
            yield created(membership, at=self.setup_at, by=self._admin_of_system(n))

    # Assessments (EHIIRAs) and their parts.

    def _assessments(self) -> None:
        def parts(chunk):
            yield Stage1Answer, (a for x in chunk for a in self._answers(x))
            yield PersonResponsible, map(self._person, chunk)
            yield Stage2Impact, (i for x in chunk for i in self._impacts(x))

        def each(assessment):
            org = self.orgs_by_pk[assessment.organisation_id]
            org.assessments.append(assessment.pk)
            if assessment.status == Status.APPROVED:
                org.approved.append((assessment.pk, assessment.approved_at))

        self._make(Assessment, self._new_assessment, self.sizes.assessments, parts=parts, each=each)

    def _new_assessment(self, org: Org) -> Assessment:
        """An assessment taken as far as its status, with the plan of its parts."""
        rng, write = self.rng, self.write
        status = _weighted(rng, ASSESSMENT_STATUSES)
        author = org.user(Role.AUTHOR)
        assessment = Assessment(
            organisation_id=org.pk,
            title=write.title(),
            service_area=rng.choice(org.services),
            overview=write.text(300, 900),
            created_by_id=author,
        )
        life = Lifecycle(assessment, at=self._between(self.start, self.now), by=author)
        if status == Status.DRAFT:
            answered = rng.randint(0, 10)
            plan = AssessmentPlan(answered, self._after(life.last, 60))
            if answered:
                life.change(at=plan.answered_at, by=author, reason="Stage 1 answers saved")
            assessment._bench_plan = plan
            return assessment
        submitted = self._after(life.last, 45, at_least=1)
        answered_at = self._between(life.last, submitted)
        plan = AssessmentPlan(len(self.questions), answered_at)
        life.change(at=answered_at, by=author, reason="Stage 1 answers saved")
        if rng.random() < STAGE2_SHARE:
            # One answer requires Stage 2: every group's impact, and the intersectional one.
            stage2_at = self._between(answered_at, submitted)
            plan = AssessmentPlan(plan.answered, answered_at, stage2_at, rng.choice(self.triggers))
            life.change(
                at=stage2_at,
                by=author,
                reason="Stage 2 impacts saved",
                intersectional_impact=write.text(200, 600),
            )
        assessment._bench_plan = plan
        outcome = _weighted(rng, OUTCOMES)
        justification = write.text(150, 500) if outcome == "continue" else ""
        life.change(
            at=self._between(life.last, submitted),
            by=author,
            reason="Overall outcome saved",
            outcome=outcome,
            outcome_justification=justification,
        )
        life.change(
            at=submitted,
            by=author,
            reason="Submitted for approval",
            status=Status.SUBMITTED,
            submitted_at=submitted,
        )
        if status != Status.SUBMITTED:
            self._review_assessment(life, org, status)
        return assessment

    def _review_assessment(self, life: Lifecycle, org: Org, status: str) -> None:
        """The approver returns or approves it; some approved ones are then published."""
        approver = org.users[Role.APPROVER]
        at = self._after(life.last, 21)
        if status == Status.RETURNED:
            comment = f"Please strengthen the evidence: {self.write.sentence().lower()}"
            life.change(
                at=at,
                by=approver.pk,
                reason=f"Returned to the author: {comment[:150]}",
                status=status,
                return_comment=comment,
            )
            return
        life.change(
            at=at,
            by=approver.pk,
            reason="Approved",
            status=status,
            approver_comment=self.write.text(60, 200),
            approver_name=person_name(approver),
            approver_role=APPROVER_ROLE,
            approved_by_id=approver.pk,
            approved_at=at,
            approved_on=timezone.localdate(at),
        )
        self._perhaps_publish(life, by=org.user(Role.ORGANISATION_ADMIN), share=PUBLISHED_SHARE)

    def _perhaps_publish(self, life: Lifecycle, *, by, share: float) -> None:
        """Put an approved record on the public register (for `share` of them), later."""
        if self.rng.random() < share:
            at = self._after(life.last, 30)
            life.change(at=at, by=by, reason="Published on the public register", published_at=at)

    def _answer(self, question, plan: AssessmentPlan, draft: bool) -> str:
        if not question.is_yes_no:
            return ""
        trigger = question.stage2_trigger_answer
        if draft or not trigger:
            return "yes" if self.rng.random() < 0.6 else "no"
        if question.number == plan.trigger:
            return trigger
        return "no" if trigger == "yes" else "yes"

    def _answers(self, assessment) -> Iterator[Stage1Answer]:
        plan, draft = assessment._bench_plan, assessment.status == Status.DRAFT
        for question in self.questions[: plan.answered]:
            answer = Stage1Answer(
                assessment_id=assessment.pk,
                question_id=question.pk,
                answer=self._answer(question, plan, draft),
                rationale=self.write.text(80, 300),
            )
            yield created(answer, at=plan.answered_at, by=assessment.created_by_id)

    def _person(self, assessment) -> PersonResponsible:
        person = PersonResponsible(
            assessment_id=assessment.pk,
            name=self.write.full_name(),
            job_title=self.rng.choice(JOB_TITLES),
        )
        return created(person, at=assessment.created_at, by=assessment.created_by_id)

    def _impacts(self, assessment) -> Iterator[Stage2Impact]:
        plan = assessment._bench_plan
        if plan.stage2_at is None:
            return
        for group in self.groups:
            impact = _weighted(self.rng, IMPACTS)
            mitigation = self.write.text(80, 300) if impact == "negative" else ""
            row = Stage2Impact(
                assessment_id=assessment.pk,
                group_id=group,
                impact=impact,
                evidence=self.write.text(80, 300),
                mitigation=mitigation,
            )
            yield created(row, at=plan.stage2_at, by=assessment.created_by_id)

    # Decision records and their steps.

    def _decisions(self) -> None:
        def parts(chunk):
            yield DecisionStep, (s for r in chunk for s in self._steps(r))

        def each(record):
            self.orgs_by_pk[record.organisation_id].decisions.append(record.pk)

        self._make(DecisionRecord, self._new_decision, self.sizes.decisions, parts=parts, each=each)

    def _moments(self, earliest, latest, count: int) -> list[datetime.datetime]:
        return sorted(self._between(earliest, latest) for _ in range(count))

    def _new_decision(self, org: Org) -> DecisionRecord:
        """A record with `steps_completed` steps complete (step 4 needs an approved EHIIRA of
        its organisation, approved before the decision), and perhaps the next step begun."""
        rng, author = self.rng, org.user(Role.AUTHOR)
        done = rng.choices(range(7), weights=STEP_WEIGHTS)[0]
        if done >= 4 and not org.approved:
            done = 3
        record = DecisionRecord(
            organisation_id=org.pk,
            title=self.write.title(),
            kind=rng.choice(DecisionRecord.Kind.values),
            created_by_id=author,
        )
        if done >= 4:
            linked, approved_at = rng.choice(org.approved)
            earliest = max(self.start, approved_at - datetime.timedelta(days=180))
            created_at = self._between(earliest, approved_at)
            moments = self._moments(created_at, approved_at, 3) + self._moments(
                approved_at, min(self.now, approved_at + datetime.timedelta(days=365)), done - 3
            )
        else:
            linked = None
            created_at = self._between(self.start, self.now)
            latest = min(self.now, created_at + datetime.timedelta(days=365))
            moments = self._moments(created_at, latest, done)
        life = Lifecycle(record, at=created_at, by=author)
        for number, at in enumerate(moments, start=1):
            values = self._step_values(number, record, at, linked=linked, complete=True)
            life.change(
                at=at,
                by=author,
                reason=f"Step {number} completed",
                steps_completed=number,
                **values,
            )
        begun = done + 1
        if begun <= 6 and rng.random() < 0.5:
            if begun == 4 and org.assessments:
                linked = rng.choice(org.assessments)
            values = self._step_values(begun, record, life.last, linked=linked, complete=False)
            life.change(
                at=self._after(life.last, 30), by=author, reason=f"Step {begun} saved", **values
            )
        record._bench_moments = moments
        return record

    def _step_values(self, number, record, at, *, linked, complete) -> dict:
        """The fields step `number` fills: every text it asks for, and when it is complete,
        its choices and dates too (the decision, its date, the review date)."""
        write, rng = self.write, self.rng
        values = {
            name: write.text(100, 400)
            for name in decision_rules.STEP_FIELDS[number]
            if isinstance(DecisionRecord._meta.get_field(name), models.TextField)
            and name != "decision_justification"
        }
        if number == 1:
            groups = DecisionRecord.AffectedGroup.values
            values |= {
                "affected_groups": rng.sample(groups, rng.randint(1, len(groups))),
                "decision_owner": write.full_name(),
                "decision_body": rng.choice(BOARDS),
            }
        elif number == 4:
            values["assessment_id"] = linked
        elif number == 5 and complete:
            decided = timezone.localdate(at)
            values |= {
                "decision": rng.choice(DecisionRecord.Decision.values),
                "decision_justification": write.text(100, 300),
                "decided_by": rng.choice(BOARDS),
                "decision_date": decided,
                "minute_reference": f"{rng.choice(BOARDS)} {decided.year}/{rng.randint(1, 250)}",
            }
        elif number == 6 and (complete or rng.random() < 0.5):
            review = record.decision_date + datetime.timedelta(days=rng.randint(180, 730))
            values["review_date"] = review  # some are past: the review is overdue
            values["published"] = complete and rng.random() < PUBLISHED_SHARE
        return values

    def _steps(self, record) -> Iterator[DecisionStep]:
        for number, at in enumerate(record._bench_moments, start=1):
            notes = self.write.text(80, 300) if self.rng.random() < 0.4 else ""
            step = DecisionStep(
                record_id=record.pk,
                number=number,
                evidence_notes=notes,
                completed_at=at,
                completed_by_id=record.created_by_id,
            )
            yield created(step, at=at, by=record.created_by_id)

    # Actions.

    def _actions(self) -> None:
        kinds = ContentType.objects.get_for_models(Assessment, DecisionRecord)
        self.content_types = {model: kind.pk for model, kind in kinds.items()}
        self._make(Action, self._new_action, self.sizes.actions)

    def _new_action(self, org: Org) -> Action:
        """An action due within a year either side of today: most past ones done, most
        future ones open; half raised by an assessment or decision of its organisation."""
        rng = self.rng
        due = self.today + datetime.timedelta(days=rng.randint(-365, 365))
        assignee = None
        if rng.random() < 0.4:
            assignee = rng.choice([u for role, u in org.users.items() if role != Role.VIEWER])
        action = Action(
            organisation_id=org.pk,
            title=self.write.action_title(),
            owner=person_name(assignee) if assignee else rng.choice(JOB_TITLES),
            assignee_id=assignee and assignee.pk,
            due_date=due,
            status=_weighted(rng, ACTION_STATUSES[due < self.today]),
        )
        sources = [(Assessment, org.assessments), (DecisionRecord, org.decisions)]
        sources = [(model, ids) for model, ids in sources if ids]
        if sources and rng.random() < 0.5:
            model, ids = rng.choice(sources)
            action.source_type_id, action.source_id = self.content_types[model], rng.choice(ids)
        raised = datetime.datetime.combine(due, datetime.time(10), tzinfo=datetime.UTC)
        raised -= datetime.timedelta(days=rng.randint(30, 300))
        action.created_at = min(self.now, max(self.start, raised))
        action.created_by_id = org.user(Role.AUTHOR)
        return created(action, at=action.created_at, by=action.created_by_id)

    # One EDS report and one board assurance review per organisation.

    def _eds_reports(self) -> None:
        first = self.today.year - (1 if self.today.month >= 4 else 2)
        year = f"{first}/{(first + 1) % 100:02d}"  # the last complete reporting year
        with transaction.atomic():
            self._insert_all(EdsReport, (self._eds_report(org, year) for org in self.orgs))

    def _eds_report(self, org: Org, year: str) -> EdsReport:
        status, write = _weighted(self.rng, EDS_STATUSES), self.write
        author, approver = org.user(Role.AUTHOR), org.users[Role.APPROVER]
        sponsor = write.full_name()
        report = EdsReport(
            organisation_id=org.pk,
            year=year,
            board_sponsor=sponsor,
            eds_lead=write.full_name(),
            completed_actions=write.text(200, 600),
            created_by_id=author,
        )
        life = Lifecycle(report, at=self._days_ago(240, 150), by=author)
        if status == "draft":
            return report
        at = self._after(life.last, 60, at_least=30)
        life.change(
            at=at,
            by=author,
            reason="Submitted for authorisation",
            status="submitted",
            submitted_at=at,
        )
        if status == "submitted":
            return report
        at = self._after(at, 30)
        life.change(
            at=at,
            by=approver.pk,
            reason="Authorised",
            status="authorised",
            authorised_by_id=approver.pk,
            authoriser_name=person_name(approver),
            authorised_at=at,
            authorisation_date=nhs_date(timezone.localdate(at)),
            authorised_on_behalf_of=sponsor,
            years_active=year,
        )
        if status == "published":
            at = self._after(at, 30)
            life.change(at=at, by=approver.pk, reason="Published", status=status, published_at=at)
        return report

    def _board_reviews(self) -> None:
        with transaction.atomic():
            self._insert_all(Review, map(self._board_review, self.orgs))

    def _board_review(self, org: Org) -> Review:
        rng, status = self.rng, _weighted(self.rng, REVIEW_STATUSES)
        author, approver = org.user(Role.BOARD_SECRETARY), org.users[Role.APPROVER]
        meeting = self.today + datetime.timedelta(days=rng.randint(-120, 60))
        kind = rng.choice(Review.Subject.values)
        review = Review(
            organisation_id=org.pk,
            subject_kind=kind,
            subject="" if kind == Review.Subject.ORGANISATION else self.write.title(),
            board=rng.choice(BOARDS),
            meeting_date=meeting,
            sro=self.write.full_name(),
            created_by_id=author,
        )
        life = Lifecycle(review, at=self._days_ago(180, 100), by=author)
        if status == "draft":
            return review
        at = self._after(life.last, 60, at_least=20)
        life.change(
            at=at, by=author, reason="Submitted for approval", status="submitted", submitted_at=at
        )
        if status == "approved":
            at = self._after(at, 20)
            life.change(
                at=at,
                by=approver.pk,
                reason="Approved",
                status=status,
                approved_by_id=approver.pk,
                approver_name=person_name(approver),
                approved_at=at,
            )
            self._perhaps_publish(life, by=author, share=0.5)
        return review

    def _logins(self) -> list[str]:
        last_org, last_system = self.sizes.organisations, self.sizes.systems
        roles = "|".join(suffix for _, suffix in ROLE_LOGINS)
        return [
            f"{USERNAME_PREFIX}o<N>.<{roles}>  for N = 1 … {last_org}: "
            f'one per role in "{ORGANISATION_PREFIX} N"',
            f"{USERNAME_PREFIX}s<N>.viewer  for N = 1 … {last_system}: "
            f'a viewer of every organisation in "{SYSTEM_PREFIX} N"',
            f"For example {USERNAME_PREFIX}o1.author, {USERNAME_PREFIX}o1.approver, "
            f"{USERNAME_PREFIX}s1.viewer",
        ]


def build_bench_data(
    sizes: Sizes, *, seed: int = 1, progress: Callable[[str], None] | None = None
) -> Summary:
    """Fill the database with bench data; refused (CannotSeed) if it already holds some."""
    return BenchBuilder(sizes, seed=seed, progress=progress).build()
