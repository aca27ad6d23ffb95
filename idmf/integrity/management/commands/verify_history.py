from django.core.management import BaseCommand, CommandError

from idmf.integrity import chain


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Check the sealed history of final records: no sealed row changed or deleted, none "
        "added unsealed. Lists each problem and exits with status 1 if there is one."
    )

    def handle(self, *args, **options):
        report = chain.check()
        if report.problems:
            for problem in report.problems:
                self.stdout.write(problem)
            raise CommandError(
                f"The history chain is broken: {counted(len(report.problems), 'problem')}"
            )
        self.stdout.write(
            f"History chain intact: {counted(report.rows, 'row')} in "
            f"{counted(report.records, 'record')} checked"
        )
