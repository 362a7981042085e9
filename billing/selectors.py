"""Reads of billing state."""

from __future__ import annotations

from django.db.models import Count, F, Sum, Window

from billing.models import CreditEntry, LedgerKind, Tenant


def ledger_for_tenant(*, tenant_id: int):
    return CreditEntry.objects.filter(tenant_id=tenant_id).order_by("-id")


def ledger_mismatches() -> list[str]:
    """Tenants whose balance differs from the sum of their ledger, and requests refunded more than once."""
    problems = []
    sums = dict(
        CreditEntry.objects.values_list("tenant_id").annotate(total=Sum("amount")).values_list("tenant_id", "total")
    )
    for tenant_id, balance in Tenant.objects.values_list("pk", "credit_balance"):
        total = sums.get(tenant_id) or 0
        if total != balance:
            problems.append(f"tenant {tenant_id}: balance {balance} != ledger sum {total}")
    over = (
        CreditEntry.objects.filter(kind=LedgerKind.REFUND)
        .exclude(request_id="")
        .values("request_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    problems.extend(f"request {row['request_id']}: refunded {row['n']} times" for row in over)
    # every entry's balance_after is the running sum of its tenant's ledger up to it
    running = CreditEntry.objects.annotate(
        running=Window(Sum("amount"), partition_by=[F("tenant_id")], order_by=F("id").asc())
    ).values_list("id", "tenant_id", "balance_after", "running")
    problems.extend(
        f"ledger entry {pk} (tenant {tenant_id}): balance_after {after} != running sum {total}"
        for pk, tenant_id, after, total in running
        if after != total
    )
    return problems
