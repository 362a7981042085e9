"""`manage.py check_invariants`: every job kind, webhook deliveries and the ledger (project-level: it reads several
apps, and no app imports a sibling for it)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from extractor.selectors import extraction_invariant_problems
from workflows.selectors import workflow_invariant_problems


class Command(BaseCommand):
    help = "Check jobs, ledger and webhook deliveries; exit non-zero on any problem."

    def add_arguments(self, parser):
        parser.add_argument("--stale-minutes", type=int, default=60, help="How late a queued/claimed job may be.")

    def handle(self, *args, stale_minutes, **options):
        problems = extraction_invariant_problems(stale_minutes=stale_minutes)
        problems += workflow_invariant_problems(stale_minutes=stale_minutes)
        for problem in problems:
            self.stderr.write(problem)
        ledger_error = None
        try:
            call_command("check_ledger", stdout=self.stdout, stderr=self.stderr)
        except CommandError as exc:
            ledger_error = str(exc)
        if problems or ledger_error:
            raise CommandError(f"{len(problems)} job/delivery problem(s); ledger: {ledger_error or 'ok'}")
        self.stdout.write("invariants ok")
