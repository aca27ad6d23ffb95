"""An EDS report read as a whole: its domains as the template lays them out, the score
card with its working, last year's scores beside this year's, the action plan, and what
stops submission. Reads a report fetched `with_parts` in a fixed number of queries."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from eds import rules, scoring
from eds.models import EdsDomain, EdsOutcome, EdsReport, Objective, OutcomeGrade
from idmf.actions.models import Action
from idmf.core.history import editors_in
from idmf.core.links import address_for
from idmf.core.models import Service
from idmf.core.permissions import Perm
from idmf.core.records import RecordKind
from idmf.core.reference import kept

# History reasons of reviewing and publishing, not editing: they do not make an editor.
REVIEW_REASONS = ("Returned", "Authorised", "Published", "Unpublished", "Replaced by version")


def with_parts(queryset):
    return queryset.select_related(
        "organisation__system",
        "created_by",
        "authorised_by",
        "previous_year",
        "previous_version",
        "next_version",
    ).prefetch_related(
        Prefetch("services", queryset=Service.objects.select_related("organisation")),
        "core20plus5_services",
        "partners",
        Prefetch(
            "grades", queryset=OutcomeGrade.objects.select_related("service", "evidence_table")
        ),
        Prefetch("objectives", queryset=Objective.objects.select_related("service")),
    )


@kept(EdsDomain, EdsOutcome)
def reference_domains() -> list[EdsDomain]:
    return list(
        EdsDomain.objects.prefetch_related(
            Prefetch("outcomes", queryset=EdsOutcome.objects.order_by("order"))
        )
    )


def service_labels(services) -> dict[int, str]:
    """Each chosen service's name, with its organisation where two share a name."""
    names = [s.name for s in services]
    return {
        s.pk: s.name if names.count(s.name) == 1 else f"{s.name} ({s.organisation})"
        for s in services
    }


@dataclass
class Part:
    """One service's (or the whole report's) grade of one outcome, for display."""

    label: str  # the service, or "" for the report as a whole
    grade: OutcomeGrade | None
    key: str  # "1A" or "1A-12": the form fields' prefix


@dataclass
class OutcomeRow:
    outcome: EdsOutcome
    parts: list[Part]
    line: rules.OutcomeLine
    previous: scoring.Score | None = None

    @property
    def change(self) -> str:
        return scoring.change(self.line.score, self.previous)

    @property
    def change_words(self) -> str:
        return scoring.CHANGE_WORDS.get(self.change, "")


@dataclass
class DomainTable:
    domain: EdsDomain
    line: rules.DomainLine
    rows: list[OutcomeRow]
    previous: rules.DomainLine | None = None

    @property
    def change(self) -> str:
        return scoring.change(self.line.total, self.previous.total if self.previous else None)


@dataclass
class PlanRow:
    """An outcome's objective (for one service, in Domain 1 rated per service) and actions."""

    outcome: EdsOutcome
    label: str
    service_id: int | None
    objective: Objective | None
    actions: list[Action] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.outcome.code}-{self.service_id}" if self.service_id else self.outcome.code


@dataclass
class Report:
    report: EdsReport
    domains: list[DomainTable]
    card: rules.ScoreCard
    previous_card: rules.ScoreCard | None
    plan: list[PlanRow]
    problems: list
    services: list[Service]
    labels: dict[int, str]

    @property
    def overall_change(self) -> str:
        """▲ ▼ or = of the overall total from last year's ("" without last year's)."""
        before = self.previous_card.overall if self.previous_card else None
        return scoring.change(self.card.overall, before)

    @property
    def overall_change_words(self) -> str:
        return scoring.CHANGE_WORDS.get(self.overall_change, "")

    @property
    def band_change(self) -> str:
        """ "Developing to Achieving" when the overall band moved from last year's."""
        before = self.previous_card.band if self.previous_card else None
        now = self.card.band
        if before is None or now is None or before == now:
            return ""
        return f"{before.label} to {now.label}"

    def plan_for(self, domain: int) -> list[PlanRow]:
        return [row for row in self.plan if row.outcome.domain_id == domain]


def _columns(report: EdsReport, domain: int, services, labels) -> list[tuple[int | None, str]]:
    if domain == 1 and report.per_service:
        return [(s.pk, labels[s.pk]) for s in services]
    return [(None, "")]


def _card(report: EdsReport, domains: list[EdsDomain]) -> tuple:
    services = sorted(report.services.all(), key=lambda s: s.pk)  # as set up
    labels = service_labels(services)
    codes = {o.pk: o.code for d in domains for o in d.outcomes.all()}
    grades = [
        rules.Grade(codes[g.outcome_id], g.rating, g.evidence, labels[g.service_id])
        if g.service_id
        else rules.Grade(codes[g.outcome_id], g.rating, g.evidence)
        for g in report.grades.all()
        if g.service_id is None or g.service_id in labels
    ]
    card = rules.score_card(
        [
            rules.DomainOutcomes(d.number, d.title, [o.code for o in d.outcomes.all()])
            for d in domains
        ],
        grades,
        services=[labels[s.pk] for s in services],
        per_service=report.per_service,
        method=report.method,
    )
    return card, labels, grades, services


def score_card_of(report: EdsReport, domains: list[EdsDomain]) -> rules.ScoreCard:
    return _card(report, domains)[0]


def build_report(report: EdsReport, *, domains=None, previous: EdsReport | None = None) -> Report:
    """`previous`: last year's report, fetched `with_parts`, to show its scores beside."""
    domains = domains if domains is not None else reference_domains()
    card, labels, grades, services = _card(report, domains)
    previous_card = score_card_of(previous, domains) if previous else None
    saved = {(g.outcome_id, g.service_id): g for g in report.grades.all()}
    tables = []
    for domain, line in zip(domains, card.domains, strict=True):
        columns = _columns(report, domain.number, services, labels)
        rows = []
        for outcome, outcome_line in zip(domain.outcomes.all(), line.outcomes, strict=True):
            parts = [
                Part(
                    label,
                    saved.get((outcome.pk, pk)),
                    f"{outcome.code}-{pk}" if pk else outcome.code,
                )
                for pk, label in columns
            ]
            before = previous_card.outcome(outcome.code) if previous_card else None
            rows.append(OutcomeRow(outcome, parts, outcome_line, before.score if before else None))
        before = previous_card.domains[domain.number - 1] if previous_card else None
        tables.append(DomainTable(domain, line, rows, before))
    aligned = {s.pk for s in report.core20plus5_services.all()}
    chosen = [(labels[s.pk], s.pk in aligned) for s in services]
    return Report(
        report=report,
        domains=tables,
        card=card,
        previous_card=previous_card,
        plan=action_plan(report, domains, services, labels),
        problems=rules.submission_problems(card, grades, chosen),
        services=services,
        labels=labels,
    )


def action_plan(report, domains, services, labels) -> list[PlanRow]:
    objectives = {(o.outcome_id, o.service_id): o for o in report.objectives.all()}
    # Each objective's (outcome, service), earlier versions' included.
    keys = {
        pk: (outcome, service)
        for pk, outcome, service in plan_objectives(report).values_list(
            "pk", "outcome_id", "service_id"
        )
    }
    actions = {}
    if keys:
        for action in plan_actions(report).order_by("due_date", "pk"):
            actions.setdefault(keys[action.source_id], []).append(action)
    rows = []
    for domain in domains:
        for outcome in domain.outcomes.all():
            for pk, label in _columns(report, domain.number, services, labels):
                found = actions.get((outcome.pk, pk), [])
                rows.append(PlanRow(outcome, label, pk, objectives.get((outcome.pk, pk)), found))
    return rows


def objective_type() -> ContentType:
    return ContentType.objects.get_for_model(Objective)


def plan_objectives(report: EdsReport):
    """The report's objectives and, for a correction (a later version), those of the
    versions before it: their actions stay with the published version until the
    correction is published, and show in both."""
    return Objective.objects.filter(
        report__organisation_id=report.organisation_id,
        report__year=report.year,
        report__version_number__lte=report.version_number,
    )


def plan_actions(report: EdsReport):
    """The actions of the report's action plan (raised by its objectives, or carried)."""
    return Action.objects.filter(
        source_type=objective_type(), source_id__in=plan_objectives(report).values("pk")
    )


def editors_of(report: EdsReport) -> set[int]:
    """Everyone who wrote any part of the report: none of them may authorise it."""
    editors = editors_in(
        report,
        report.history.all(),
        OutcomeGrade.history.filter(report_id=report.pk),
        Objective.history.filter(report_id=report.pk),
        reasons=REVIEW_REASONS,
    )
    objective_ids = Objective.objects.filter(report=report).values("pk")
    editors |= set(
        Action.objects.filter(
            source_type=objective_type(), source_id__in=objective_ids
        ).values_list("created_by", flat=True)
    )
    return editors


CHART_HEIGHT = 180  # the plotting area, in SVG units
CHART_TOP = 10
BAR_WIDTH = 48


def bar_chart(card: rules.ScoreCard, previous: rules.ScoreCard | None = None) -> dict:
    """The three domain totals as bars (with last year's beside them when there is one),
    for a server-rendered SVG. A domain not yet complete is drawn from its score so far."""
    most = max(3 * len(d.outcomes) for d in card.domains)  # a domain's highest total
    scale = CHART_HEIGHT / most
    groups = []
    for index, domain in enumerate(card.domains):
        years = []
        if previous is not None:
            years.append(("Last year", previous.domains[index].total, "previous"))
        years.append(("This year", domain.total or domain.so_far, "current"))
        left = 60 + index * (BAR_WIDTH * 2 + 50)
        bars = []
        for offset, (label, score, kind) in enumerate(years):
            value = score.value if score else 0
            height = round(float(value) * scale, 1)
            bars.append(
                {
                    "label": label,
                    "kind": kind,
                    "text": str(score) if score else "–",
                    "x": left + offset * (BAR_WIDTH + 4),
                    "y": round(CHART_TOP + CHART_HEIGHT - height, 1),
                    "height": height,
                    "complete": kind == "previous" or domain.total is not None,
                }
            )
        groups.append({"domain": domain, "bars": bars, "label_x": left + len(bars) * BAR_WIDTH / 2})
    ticks = [
        {"value": value, "y": round(CHART_TOP + CHART_HEIGHT - value * scale, 1)}
        for value in range(0, most + 1, 3)
    ]
    return {
        "groups": groups,
        "ticks": ticks,
        "width": 60 + len(groups) * (BAR_WIDTH * 2 + 50),
        "height": CHART_TOP + CHART_HEIGHT + 40,
        "baseline": CHART_TOP + CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "both_years": previous is not None,
    }


def previous_year_of(report, *, public: bool):
    """Last year's report, to show beside this one; on a public page only if last year's
    was published too (its published version)."""
    if report.previous_year_id is None:
        return None
    previous = report.previous_year
    if public:
        previous = EdsReport.objects.filter(
            organisation_id=report.organisation_id,
            year=previous.year,
            status=EdsReport.Status.PUBLISHED,
        ).first()
        if previous is None:
            return None
    return with_parts(EdsReport.objects).get(pk=previous.pk)


def built(report, *, public=False):
    return build_report(report, previous=previous_year_of(report, public=public))


def page_context(report: EdsReport, content: Report) -> dict:
    """What every page and the PDF of a report show: the report, its parts, the score card
    and its chart."""
    return {
        "report": report,
        "content": content,
        "card": content.card,
        "chart": bar_chart(content.card, content.previous_card),
        "band_key": scoring.BAND_KEY,
    }


def pdf_context(report: EdsReport, *, public: bool = False, previous=None) -> dict:
    """The PDF of a report, laid out like the EDS reporting template (a pack uses it too)."""
    if previous is None:
        previous = previous_year_of(report, public=public)
    return {
        **page_context(report, build_report(report, previous=previous)),
        "organisation": report.organisation,
        "record_title": f"EDS 2022 report {report.year}",
        "public": public,
    }


PDF_TEMPLATE = "eds/pdf/report.html"


def record_kind() -> RecordKind:
    """An EDS report as a board assurance review cites it and a pack holds it: final once
    authorised."""
    return RecordKind(
        model=EdsReport,
        noun="EDS report",
        final=Q(status__in=rules.FINAL_STATUSES),
        draft=Q(status__in=rules.EDITABLE_STATUSES),
        drafters=(Perm.EDIT_RECORDS, Perm.APPROVE_RECORDS),
        queryset=lambda: EdsReport.objects.select_related("organisation"),
        status=lambda report: report.get_status_display(),
        pdf=lambda report: (
            PDF_TEMPLATE,
            pdf_context(with_parts(EdsReport.objects).get(pk=report.pk)),
        ),
        title=lambda report: (
            report.year
            + (f" (version {report.version_number})" if report.version_number > 1 else "")
        ),
        actions=plan_actions,
        raisers={Objective: "report"},
        public=Q(status=EdsReport.Status.PUBLISHED),
        public_url=lambda report: address_for("eds:public_report", report.pk),
    )
