from django.core.management.base import BaseCommand, CommandError

from billing.selectors import ledger_mismatches


class Command(BaseCommand):
    help = "Verify balance = sum(ledger) for every tenant and at most one refund per request; exit 1 on a mismatch."

    def handle(self, *args, **options):
        problems = ledger_mismatches()
        try:
            from workflows.selectors import job_ledger_problems
        except ImportError:  # the workflows app adds its own check when it has jobs
            job_ledger_problems = None
        if job_ledger_problems:
            problems.extend(job_ledger_problems())
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} ledger problem(s).")
        self.stdout.write("ledger ok")
