"""Reads of workflow jobs."""
from __future__ import annotations

from django.db.models import Exists, OuterRef

from billing.models import CreditEntry, LedgerKind
from config.request_id import is_ulid
from workflows.models import JobStatus, WorkflowJob


def job_for_tenant(*, tenant_id: int, job_id: str) -> WorkflowJob | None:
    if not is_ulid(job_id):
        return None
    return WorkflowJob.objects.filter(pk=job_id, tenant_id=tenant_id).first()


def credits_refunded(*, job_id: str) -> int:
    amount = CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).values_list("amount", flat=True).first()
    return int(amount or 0)


def unrefunded_unfinished_jobs() -> list[str]:
    """Problems for `check_ledger`: every job that ended without COMPLETED must have exactly one refund
    (more than one is impossible by constraint and reported by billing), and every job one charge."""
    refunds = CreditEntry.objects.filter(request_id=OuterRef("pk"), kind=LedgerKind.REFUND)
    charges = CreditEntry.objects.filter(request_id=OuterRef("pk"), kind=LedgerKind.CHARGE)
    problems = [
        f"workflow job {pk} ({status}): no refund"
        for pk, status in WorkflowJob.objects.filter(
            status__in=[JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DEAD_LETTER]
        ).filter(~Exists(refunds)).values_list("pk", "status")
    ]
    problems += [
        f"workflow job {pk}: no charge"
        for pk in WorkflowJob.objects.filter(~Exists(charges)).values_list("pk", flat=True)
    ]
    return problems
