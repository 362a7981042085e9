from django.core.management.base import BaseCommand, CommandError

from billing.selectors import ledger_mismatches


class Command(BaseCommand):
    help = "Verify balance = sum(ledger) for every tenant and at most one refund per request; exit 1 on a mismatch."

    def handle(self, *args, **options):
        problems = ledger_mismatches()
        try:
            from workflows.selectors import unrefunded_unfinished_jobs
        except ImportError:  # the workflows app adds its own check when it has jobs
            unrefunded_unfinished_jobs = None
        if unrefunded_unfinished_jobs:
            problems.extend(unrefunded_unfinished_jobs())
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} ledger problem(s).")
        self.stdout.write("ledger ok")
