"""The job engine shared by extractions and workflow jobs: PostgreSQL decides, Celery delivers.

A job row is `queued` until a worker *claims* it with one conditional UPDATE that sets a fresh lease
token and `lease_expires_at` and adds 1 to `attempts`. Every later write by that worker is conditional on
the token (`finish`, `retry_later`, `renew`), so a worker that lost its lease — reaped, cancelled,
recycled — cannot overwrite anything. The reaper returns expired leases to the queue (or to the dead
state once attempts run out); the sweeper re-sends messages that may have been lost. Both are plain
conditional UPDATEs, safe to run twice at once.
"""
from __future__ import annotations

import logging
import random
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Callable

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

log = logging.getLogger(__name__)


class LeasedJob(models.Model):
    """Fields every job row carries for the engine."""

    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    lease_token = models.CharField(max_length=32, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    available_at = models.DateTimeField(default=timezone.now, help_text="Not to be claimed before (backoff).")
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time a message was sent for it.")

    class Meta:
        abstract = True


@dataclass(frozen=True)
class JobKind:
    """How the engine drives one model: its status values, its task and what happens when it dies."""

    model: type[models.Model]
    queued: str
    claimed: str
    dead: str
    task_name: str
    queue: str
    lease_seconds: int = 120
    status_field: str = "status"
    # Extra fields to set when the reaper moves a job to dead (e.g. error message / class).
    dead_fields: Callable[[], dict] = field(default=lambda: {})
    # Called (in the reaper's transaction) with the ids of jobs that just died, e.g. to refund them.
    on_dead: Callable[[list], None] | None = None
    requeue_fields: Callable[[], dict] = field(default=lambda: {})

    def objects(self):
        return self.model.objects


@dataclass(frozen=True)
class Lease:
    pk: object
    token: str
    attempts: int
    max_attempts: int


def _status(kind: JobKind, value) -> dict:
    return {kind.status_field: value}


def enqueue(kind: JobKind, pk) -> None:
    """Send the job's message; a broker failure is logged, the sweeper will send it again."""
    from config.celery import app
    from config.timing import external

    try:
        with external():  # the broker counts as external time in a request's `timing`
            app.send_task(kind.task_name, args=[str(pk)], queue=kind.queue)
    except Exception:  # noqa: BLE001 - the row is safe in the database; the sweeper re-sends
        log.warning("enqueue failed; the sweeper will retry", extra={"job": str(pk), "task": kind.task_name})
        return
    kind.objects().filter(pk=pk).update(enqueued_at=timezone.now())


def enqueue_on_commit(kind: JobKind, pk) -> None:
    transaction.on_commit(lambda: enqueue(kind, pk))


def claim(kind: JobKind, pk) -> Lease | None:
    """queued → claimed with a fresh lease; None when another worker has it or it is not due."""
    now = timezone.now()
    token = secrets.token_hex(16)
    updated = kind.objects().filter(pk=pk, available_at__lte=now, **_status(kind, kind.queued)).update(
        lease_token=token,
        lease_expires_at=now + timedelta(seconds=kind.lease_seconds),
        attempts=F("attempts") + 1,
        **_status(kind, kind.claimed),
    )
    if not updated:
        return None
    attempts, max_attempts = kind.objects().filter(pk=pk).values_list("attempts", "max_attempts").get()
    return Lease(pk=pk, token=token, attempts=attempts, max_attempts=max_attempts)


def held(kind: JobKind, lease: Lease):
    """A queryset matching the job only while this lease still holds it."""
    return kind.objects().filter(pk=lease.pk, lease_token=lease.token, **_status(kind, kind.claimed))


def renew(kind: JobKind, lease: Lease) -> bool:
    """Extend the lease during a long step; False when it was lost (stop working)."""
    expires = timezone.now() + timedelta(seconds=kind.lease_seconds)
    return bool(held(kind, lease).update(lease_expires_at=expires))


def finish(kind: JobKind, lease: Lease, status, **fields) -> bool:
    """claimed → `status` (terminal), only if the lease still holds."""
    return bool(held(kind, lease).update(lease_token="", lease_expires_at=None, **_status(kind, status), **fields))


def backoff_seconds(attempts: int, *, base: float = 2.0, cap: float = 300.0) -> float:
    """Exponential backoff with full jitter."""
    return random.uniform(0, min(cap, base * (2 ** max(0, attempts - 1))))


def retry_later(kind: JobKind, lease: Lease, **fields) -> str | None:
    """A retryable failure: back to queued after a backoff, or dead when attempts ran out.

    Returns the new status, or None when the lease was lost."""
    if lease.attempts >= lease.max_attempts:
        return kind.dead if finish(kind, lease, kind.dead, **fields) else None
    delay = backoff_seconds(lease.attempts)
    updated = held(kind, lease).update(
        lease_token="", lease_expires_at=None, available_at=timezone.now() + timedelta(seconds=delay),
        **_status(kind, kind.queued), **fields,
    )
    if not updated:
        return None
    transaction.on_commit(lambda: _enqueue_later(kind, lease.pk, delay))
    return kind.queued


def _enqueue_later(kind: JobKind, pk, delay: float) -> None:
    from config.celery import app

    try:  # a short countdown (≤ 5 min, far below the broker's visibility timeout); the sweeper backs it up
        app.send_task(kind.task_name, args=[str(pk)], queue=kind.queue, countdown=delay)
    except Exception:  # noqa: BLE001
        log.warning("delayed enqueue failed; the sweeper will retry", extra={"job": str(pk)})


def reap(kind: JobKind, *, limit: int = 500) -> dict[str, list]:
    """Expired leases → queued again (attempts kept), or dead once attempts are used up."""
    now = timezone.now()
    expired = list(
        kind.objects().filter(lease_expires_at__lt=now, **_status(kind, kind.claimed))
        .values_list("pk", "attempts", "max_attempts")[:limit]
    )
    requeued, dead = [], []
    for pk, attempts, max_attempts in expired:
        base = kind.objects().filter(pk=pk, lease_expires_at__lt=now, **_status(kind, kind.claimed))
        if attempts >= max_attempts:
            with transaction.atomic():
                if base.update(lease_token="", lease_expires_at=None, **_status(kind, kind.dead), **kind.dead_fields()):
                    dead.append(pk)
                    if kind.on_dead:
                        kind.on_dead([pk])
        elif base.update(lease_token="", lease_expires_at=None, available_at=now, **_status(kind, kind.queued),
                         **kind.requeue_fields()):
            requeued.append(pk)
            enqueue_on_commit(kind, pk)
    if requeued or dead:
        log.warning("reaper", extra={"model": kind.model.__name__, "requeued": len(requeued), "dead": len(dead)})
    return {"requeued": requeued, "dead": dead}


def sweep(kind: JobKind, *, stale_after: int = 10, limit: int = 500) -> list:
    """Queued rows that are due and whose last message is older than `stale_after` seconds (or was
    never sent) get a new message. A duplicate message is harmless: only one claim can win."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=stale_after)
    due = kind.objects().filter(available_at__lte=cutoff, **_status(kind, kind.queued)).filter(
        models.Q(enqueued_at__isnull=True) | models.Q(enqueued_at__lt=cutoff)
    )
    pks = list(due.values_list("pk", flat=True)[:limit])
    for pk in pks:
        # Conditional stamp first: of two sweepers running at once, one sends.
        if kind.objects().filter(pk=pk).filter(
            models.Q(enqueued_at__isnull=True) | models.Q(enqueued_at__lt=cutoff)
        ).update(enqueued_at=now):
            enqueue(kind, pk)
    return pks


class keep_alive:
    """Renew the lease from a background thread while a long step runs (e.g. an LLM call).

    `lost` turns true when a renewal finds the lease gone (cancelled, reaped); the worker's final write is
    conditional on the token anyway, so a lost lease can never overwrite anything."""

    def __init__(self, kind: JobKind, lease: Lease):
        import threading

        self.kind, self.lease = kind, lease
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{lease.pk}", daemon=True)

    def _run(self) -> None:
        from django.db import connection

        interval = max(0.5, self.kind.lease_seconds / 3)
        try:
            while not self._stop.wait(interval):
                if not renew(self.kind, self.lease):
                    self.lost = True
                    return
        finally:
            connection.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)
