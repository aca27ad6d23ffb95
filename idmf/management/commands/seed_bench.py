"""`python manage.py seed_bench`: fill a fresh database with bench data (idmf/bench_data/)."""

from django.core.management import BaseCommand, CommandError

from idmf.bench_data import BENCH_PASSWORD, CannotSeed, Sizes, build_bench_data
from idmf.publishing.counts import recount_all

DEFAULTS = Sizes()


class Command(BaseCommand):
    help = (
        "Fill a fresh database with a large, realistic data set for benchmarking: systems, "
        "organisations, users, assessments, decision records, actions, EDS reports and board "
        "reviews, each with its history. Refused if the database already holds bench data."
    )

    def add_arguments(self, parser):
        for name, what in [
            ("systems", "integrated care systems"),
            ("organisations", "organisations, spread evenly over the systems"),
            ("assessments", "EHIIRAs"),
            ("decisions", "IDMF decision records"),
            ("actions", "actions"),
        ]:
            default = getattr(DEFAULTS, name)
            parser.add_argument(
                f"--{name}", type=int, default=default, help=f"How many {what} (default {default})"
            )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random generator (default 1)"
        )

    def handle(self, *args, **options):
        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        problems = sizes.problems()
        if problems:
            raise CommandError(" ".join(problems))
        try:
            summary = build_bench_data(sizes, seed=options["seed"], progress=self.stdout.write)
        except CannotSeed as refused:
            raise CommandError(str(refused)) from refused
        rows = sum(summary.rows.values())
        counted = recount_all()  # made in bulk, past the signals that keep them
        self.stdout.write(f"public register: {counted:,} counts of published records")
        self.stdout.write(
            f"\nMade {rows:,} rows and {summary.history:,} history rows in {summary.seconds:.1f} s."
        )
        self.stdout.write(f"\nBench logins (password for all: {BENCH_PASSWORD})")
        for line in summary.logins:
            self.stdout.write(f"  {line}")
