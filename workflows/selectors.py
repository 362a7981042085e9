"""Reads of workflow jobs."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from billing.models import CreditEntry, LedgerKind
from config.request_id import is_ulid
from workflows.models import GAVE_UP, TERMINAL, JobStatus, RemoteCancel, WorkflowJob


def job_for_tenant(*, tenant_id: int, job_id: str) -> WorkflowJob | None:
    if not is_ulid(job_id):
        return None
    return WorkflowJob.objects.filter(pk=job_id, tenant_id=tenant_id).first()


def credits_refunded(*, job_id: str) -> int:
    amount = (
        CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).values_list("amount", flat=True).first()
    )
    return int(amount or 0)


def job_ledger_problems() -> list[str]:
    """Problems for `check_ledger`: every job that ended without COMPLETED must have exactly one refund
    (more than one is impossible by constraint and reported by billing), every job one charge of its
    `credits_cost`, every refund the exact opposite of its charge, no refund without a charge, and no refunded
    COMPLETED job that staff never retried."""
    refunds = CreditEntry.objects.filter(request_id=OuterRef("pk"), kind=LedgerKind.REFUND)
    charges = CreditEntry.objects.filter(request_id=OuterRef("pk"), kind=LedgerKind.CHARGE)
    problems = [
        f"workflow job {pk} ({status}): no refund"
        for pk, status in WorkflowJob.objects.filter(
            status__in=[JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DEAD_LETTER]
        )
        .filter(~Exists(refunds))
        .values_list("pk", "status")
    ]
    problems += [
        f"workflow job {pk}: completed but refunded (never retried by staff)"
        for pk in WorkflowJob.objects.filter(status=JobStatus.COMPLETED, staff_retries=0)
        .filter(Exists(refunds))
        .values_list("pk", flat=True)
    ]
    problems += [
        f"workflow job {pk}: no charge"
        for pk in WorkflowJob.objects.filter(~Exists(charges)).values_list("pk", flat=True)
    ]
    charged = WorkflowJob.objects.annotate(charged=Subquery(charges.values("amount")[:1])).filter(charged__isnull=False)
    problems += [
        f"workflow job {pk}: charged {-amount} for a cost of {cost}"
        for pk, amount, cost in charged.exclude(charged=-F("credits_cost")).values_list("pk", "charged", "credits_cost")
    ]
    charge_of = CreditEntry.objects.filter(request_id=OuterRef("request_id"), kind=LedgerKind.CHARGE)
    refunds_all = CreditEntry.objects.filter(kind=LedgerKind.REFUND).annotate(
        charged=Subquery(charge_of.values("amount")[:1])
    )
    problems += [
        f"request {rid}: refund without a charge"
        for rid in refunds_all.filter(charged__isnull=True).values_list("request_id", flat=True)
    ]
    problems += [
        f"request {rid}: refund {amount} does not undo charge {charge}"
        for rid, amount, charge in refunds_all.filter(charged__isnull=False)
        .exclude(amount=-F("charged"))
        .values_list("request_id", "amount", "charged")
    ]
    return problems


def remote_cancels_given_up():
    """The owed cancels the sweeper gave up on: a remote run may still be going (and costing) for each."""
    return RemoteCancel.objects.filter(next_try_at=None, outcome__startswith=GAVE_UP)


def workflow_invariant_problems(*, stale_minutes: int = 60) -> list[str]:
    """Jobs nothing will move on any more, and finished jobs that are not whole (for `check_invariants`)."""
    now = timezone.now()
    stale = now - timedelta(minutes=stale_minutes)
    checks = [
        (Q(status=JobStatus.NOT_STARTED, available_at__lt=stale), f"not started for over {stale_minutes} min"),
        (
            Q(status=JobStatus.IN_PROGRESS, lease_expires_at__lt=stale),
            f"lease expired over {stale_minutes} min ago and not reaped",
        ),
        (
            Q(status=JobStatus.IN_PROGRESS, lease_expires_at__isnull=True, next_poll_at__isnull=True),
            "in progress with neither a lease nor a next poll",
        ),
        (Q(status=JobStatus.IN_PROGRESS, next_poll_at__lt=stale), f"poll overdue by over {stale_minutes} min"),
        (Q(status__in=TERMINAL, finished_at__isnull=True), "finished without finished_at"),
        (
            Q(status=JobStatus.COMPLETED) & (Q(result__isnull=True) | ~Q(result__has_key="items")),
            "completed without result items",
        ),
    ]
    problems = []
    for condition, what in checks:
        problems += [
            f"workflow job {pk}: {what}"
            for pk in WorkflowJob.objects.filter(condition).values_list("pk", flat=True)[:100]
        ]
    given_up = remote_cancels_given_up()
    problems += [
        f"workflow job {job_id}: its remote run's cancel was given up after {attempts} attempt(s) (the run may go on)"
        for job_id, attempts in given_up.values_list("job_id", "attempts")[:100]
    ]
    return problems
