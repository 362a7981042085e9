"""`manage.py check_ledger`: the money invariants across apps (billing's ledger, workflows' jobs).

Project-level, so that no app imports a sibling for it."""

from django.core.management.base import BaseCommand, CommandError

from billing.selectors import ledger_mismatches
from workflows.selectors import job_ledger_problems


class Command(BaseCommand):
    help = "Verify balance = sum(ledger) for every tenant and at most one refund per request; exit 1 on a mismatch."

    def handle(self, *args, **options):
        problems = ledger_mismatches() + job_ledger_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} ledger problem(s).")
        self.stdout.write("ledger ok")
