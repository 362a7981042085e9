"""Reads used by operators: invariants of extractions and webhook deliveries."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from extractor.models import DeliveryStatus, Extraction, Status, WebhookDelivery


def extraction_invariant_problems(*, stale_minutes: int = 60) -> list[str]:
    problems = []
    now = timezone.now()
    for pk in Extraction.objects.filter(status=Status.DONE, data__isnull=True).values_list("pk", flat=True)[:100]:
        problems.append(f"extraction {pk}: done without data")
    for pk in Extraction.objects.filter(
        status=Status.CLAIMED, lease_expires_at__lt=now - timedelta(minutes=stale_minutes)
    ).values_list("pk", flat=True)[:100]:
        problems.append(f"extraction {pk}: lease expired over {stale_minutes} min ago and not reaped")
    for pk in Extraction.objects.filter(
        status=Status.QUEUED, available_at__lt=now - timedelta(minutes=stale_minutes)
    ).values_list("pk", flat=True)[:100]:
        problems.append(f"extraction {pk}: queued for over {stale_minutes} min")
    for pk in Extraction.objects.filter(
        status__in=[Status.DONE, Status.FAILED, Status.DEAD, Status.CANCELLED], finished_at__isnull=True
    ).values_list("pk", flat=True)[:100]:
        problems.append(f"extraction {pk}: terminal without finishedAt")
    duplicates = (
        WebhookDelivery.objects.values("extraction_id", "request_id", "event", "generation", "url")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    problems.extend(
        f"{'extraction ' + str(row['extraction_id']) if row['extraction_id'] else 'request ' + row['request_id']}: "
        f"{row['n']} deliveries of {row['event']}"
        for row in duplicates[:100]
    )
    for pk in WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lt=now - timedelta(minutes=stale_minutes)
    ).values_list("pk", flat=True)[:100]:
        problems.append(f"delivery {pk}: pending and overdue by over {stale_minutes} min")
    return problems
