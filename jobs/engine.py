"""The verbs of the job engine: claim, renew, release, finish, retry_later, cancel, end, revive, reap, sweep.

A job row is *queued* until a worker claims it with one conditional UPDATE that sets a fresh lease token and
`lease_expires_at` and adds 1 to `attempts`. Every later write by that worker is conditional on the token, so a worker
that lost its lease (reaped, cancelled, recycled) cannot overwrite anything. Every terminal transition goes through
`end`, which calls the kind's `on_end(job, status)` in the same transaction, exactly once per transition: a second
`end` finds nothing in flight to move. The reaper and the sweeper are plain conditional UPDATEs, safe to run twice.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connections, models, transaction
from django.db.models import F, Q, sql
from django.utils import timezone

from config import db_rows
from jobs import messages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    """How the engine drives one model: its statuses, its task and what happens when a job ends."""

    model: type[models.Model]
    queued: str
    claimed: str
    dead: str
    task_name: str
    queue: str
    terminal: tuple = ()
    cancelled: str | None = None
    lease_seconds: int = 120
    status_field: str = "status"
    available_field: str = "available_at"
    # Fields the reaper writes when a job runs out of attempts / goes back to the queue.
    dead_fields: Callable[[], dict] = field(default=lambda: {})
    requeue_fields: Callable[[], dict] = field(default=lambda: {})
    # Called with the job (as it is after the transition) and its new terminal status, inside the transaction of
    # every terminal transition: finished, retries exhausted, reaped, cancelled.
    on_end: Callable[[models.Model, str], None] | None = None
    # Fields `on_end` rarely reads (large ones): not read back with the transition, loaded only if it touches them.
    on_end_defer: tuple = ()

    def objects(self):
        return self.model.objects

    def status(self, value) -> dict:
        return {self.status_field: value}

    @property
    def in_flight(self) -> tuple:
        return (self.queued, self.claimed)


@dataclass(frozen=True)
class Lease:
    pk: object
    token: str
    attempts: int
    max_attempts: int
    # The row as the claim left it (every column; None when built by hand).
    job: models.Model | None = field(default=None, compare=False, repr=False)


def _update_returning(queryset, changes: dict, defer: tuple = ()) -> list | None:
    """`queryset.update(**changes)` that also reads the updated rows back in the same statement (`UPDATE … RETURNING`,
    one round trip instead of an update and a select), as model instances with `defer` left unloaded (read on first
    access). None when the database cannot return from an UPDATE (the caller updates, then selects)."""
    connection = connections[queryset.db]
    if connection.vendor not in ("postgresql", "sqlite"):  # both return from UPDATE (SQLite since 3.35)
        return None
    query = queryset.query.chain(sql.UpdateQuery)
    query.add_update_values(changes)
    query.annotations = {}
    compiler = query.get_compiler(queryset.db)
    compiler.pre_sql_setup()
    statement, params = compiler.as_sql()
    model = queryset.model
    returning = db_rows.columns(model, using=queryset.db, defer=defer)
    return db_rows.fetch_instances(model, f"{statement} RETURNING {returning}", params, using=queryset.db, defer=defer)


# --- messages -------------------------------------------------------------------------------------


def enqueue(kind: JobKind, pk, *, countdown: float | None = None, stamped=None) -> bool:
    """Send the job's message and remember when; a failed send leaves `enqueued_at` empty for the sweeper.

    `stamped`: the row was written with `enqueued_at` = `available_at` = this time already (a new job, stamped with
    its insert: one write less per job); a failed send clears it again. A process killed between the commit and the
    send leaves the stamp on a job whose message was never sent: the sweeper sends it once the queue is empty, or
    after the broker's visibility horizon while a backlog waits."""
    if not messages.send(kind.task_name, pk, queue=kind.queue, countdown=countdown):
        if stamped is not None:
            kind.objects().filter(pk=pk, enqueued_at=stamped).update(enqueued_at=None)
        return False
    if stamped is None:
        kind.objects().filter(pk=pk).update(enqueued_at=timezone.now())
    return True


def enqueue_on_commit(kind: JobKind, pk, *, countdown: float | None = None, stamped=None) -> None:
    """The message is sent once the row it names is committed (never from inside the transaction)."""
    transaction.on_commit(lambda: enqueue(kind, pk, countdown=countdown, stamped=stamped))


def enqueue_many(kind: JobKind, pks: list, *, stamped) -> list:
    """`enqueue` for new jobs written together, each stamped with `stamped`: their messages go in one round trip
    (`messages.send_many`), and only the jobs whose message the broker did not take get their stamp cleared, for the
    sweeper. Returns those jobs."""
    taken = messages.send_many(kind.task_name, pks, queue=kind.queue)
    lost = [pk for pk, ok in zip(pks, taken, strict=True) if not ok]
    if lost:
        kind.objects().filter(pk__in=lost, enqueued_at=stamped).update(enqueued_at=None)
    return lost


def enqueue_many_on_commit(kind: JobKind, pks: list, *, stamped) -> None:
    """`enqueue_many` once the rows are committed (never from inside the transaction)."""
    if pks:
        transaction.on_commit(lambda: enqueue_many(kind, pks, stamped=stamped))


# --- a worker's verbs -----------------------------------------------------------------------------


def claim(kind: JobKind, pk, **fields) -> Lease | None:
    """queued → claimed with a fresh lease (and `fields` written with it); None when another worker has it or it is
    not due. One statement: the lease's row comes back with it (`lease.job`)."""
    now = timezone.now()
    token = secrets.token_hex(16)
    due = kind.objects().filter(pk=pk, **{f"{kind.available_field}__lte": now}, **kind.status(kind.queued))
    changes = {
        "lease_token": token,
        "lease_expires_at": now + timedelta(seconds=kind.lease_seconds),
        "attempts": F("attempts") + 1,
        **kind.status(kind.claimed),
        **fields,
    }
    rows = _update_returning(due, changes)
    if rows is None:
        if not due.update(**changes):
            return None
        rows = [kind.objects().get(pk=pk)]
    if not rows:
        return None
    job = rows[0]
    return Lease(pk=pk, token=token, attempts=job.attempts, max_attempts=job.max_attempts, job=job)


def held(kind: JobKind, lease: Lease):
    """The job while this lease still holds it (for a worker's own non-engine fields, e.g. progress)."""
    return kind.objects().filter(pk=lease.pk, lease_token=lease.token, **kind.status(kind.claimed))


def renew(kind: JobKind, lease: Lease) -> bool:
    """Extend the lease during a long step; False when it was lost (stop working)."""
    return bool(held(kind, lease).update(lease_expires_at=timezone.now() + timedelta(seconds=kind.lease_seconds)))


def release(kind: JobKind, lease: Lease, **fields) -> bool:
    """Still claimed, no longer leased: someone else drives it now (a remote Studio job, polled from the database)."""
    return bool(held(kind, lease).update(lease_token="", lease_expires_at=None, **fields))


def end(kind: JobKind, pk, status, *, lease: Lease | None = None, where: dict | None = None, **fields) -> bool:
    """The one terminal transition: in flight → `status`, then `on_end(job, status)` in the same transaction.

    With `lease`, only while that lease holds; else only from a status in flight, plus `where`. False when the job
    had already moved on (and `on_end` is not called)."""
    assert status in kind.terminal, f"{status} is not a terminal status of {kind.model.__name__}"
    if lease is not None:
        jobs = held(kind, lease).filter(**(where or {}))
    else:
        jobs = kind.objects().filter(pk=pk, **{f"{kind.status_field}__in": kind.in_flight}).filter(**(where or {}))
    changes = {"lease_token": "", "lease_expires_at": None, **kind.status(status), **fields}
    if kind.on_end is None:
        return bool(jobs.update(**changes))
    with transaction.atomic():
        rows = _update_returning(jobs, changes, defer=kind.on_end_defer)
        if rows is None:
            rows = [kind.objects().defer(*kind.on_end_defer).get(pk=pk)] if jobs.update(**changes) else []
        if not rows:
            return False
        kind.on_end(rows[0], status)
    return True


def finish(kind: JobKind, lease: Lease, status, **fields) -> bool:
    """claimed → `status` (terminal), only if the lease still holds."""
    return end(kind, lease.pk, status, lease=lease, **fields)


def cancel(kind: JobKind, pk, *, where: dict | None = None, **fields) -> bool:
    """queued/claimed → the kind's cancelled status. Wins over a worker finishing late (its lease no longer matches)."""
    assert kind.cancelled is not None
    return end(kind, pk, kind.cancelled, where=where, **fields)


def backoff_seconds(attempts: int, *, base: float = 2.0, cap: float = 300.0) -> float:
    """Exponential backoff with full jitter."""
    return random.uniform(0, min(cap, base * (2 ** max(0, attempts - 1))))


def retry_later(
    kind: JobKind, lease: Lease, *, delay: float | None = None, dead: dict | None = None, **fields
) -> str | None:
    """A retryable failure: back to queued after `delay` (default: backoff), or dead once attempts ran out (written
    with `dead` instead of `fields` when given). Returns the new status, or None when the lease was lost."""
    if lease.attempts >= lease.max_attempts:
        return kind.dead if finish(kind, lease, kind.dead, **(fields if dead is None else dead)) else None
    delay = backoff_seconds(lease.attempts) if delay is None else delay
    updated = held(kind, lease).update(
        lease_token="",
        lease_expires_at=None,
        **{kind.available_field: timezone.now() + timedelta(seconds=delay)},
        **kind.status(kind.queued),
        **fields,
    )
    if not updated:
        return None
    if delay <= 300:  # a short countdown, far below the broker's visibility timeout; longer waits: the sweeper
        enqueue_on_commit(kind, lease.pk, countdown=delay)
    return kind.queued


# --- staff and periodic verbs ---------------------------------------------------------------------


def revive(kind: JobKind, pk, *, from_statuses: tuple | None = None, reset_attempts: bool = True, **fields) -> bool:
    """A finished job (by default: dead) → queued again, due now, its message sent on commit. A job still leased
    keeps its lease (never two runs at once)."""
    changes = {
        **kind.status(kind.queued),
        kind.available_field: timezone.now(),
        "lease_token": "",
        "lease_expires_at": None,
        **fields,
    }
    if reset_attempts:
        changes["attempts"] = 0
    with transaction.atomic():
        statuses = from_statuses or (kind.dead,)
        if not kind.objects().filter(pk=pk, **{f"{kind.status_field}__in": statuses}).update(**changes):
            return False
        enqueue_on_commit(kind, pk)
    return True


def reap(kind: JobKind, *, limit: int = 500) -> dict[str, list]:
    """Expired leases → queued again (attempts kept), or dead (through `end`) once attempts are used up."""
    now = timezone.now()
    expired = list(
        kind.objects()
        .filter(lease_expires_at__lt=now, **kind.status(kind.claimed))
        .values_list("pk", "attempts", "max_attempts")[:limit]
    )
    requeued, dead = [], []
    still_expired = {"lease_expires_at__lt": now, **kind.status(kind.claimed)}
    for pk, attempts, max_attempts in expired:
        if attempts >= max_attempts:
            if end(kind, pk, kind.dead, where=still_expired, **kind.dead_fields()):
                dead.append(pk)
        else:
            with transaction.atomic():
                if (
                    kind.objects()
                    .filter(pk=pk, **still_expired)
                    .update(
                        lease_token="",
                        lease_expires_at=None,
                        **{kind.available_field: now},
                        **kind.status(kind.queued),
                        **kind.requeue_fields(),
                    )
                ):
                    requeued.append(pk)
                    enqueue_on_commit(kind, pk)
    if requeued or dead:
        log.warning("reaper", extra={"model": kind.model.__name__, "requeued": len(requeued), "dead": len(dead)})
    return {"requeued": requeued, "dead": dead}


def sweep(kind: JobKind, *, stale_after: int = 10, limit: int = 500) -> list:
    """Queued jobs that are due and whose message may be lost get a new one.

    A message may be lost when it was never sent (`enqueued_at` empty: the broker was down or hung at submit), when it
    was sent before the job last became due (consumed by an earlier attempt), when the queue holds nothing although
    the job has waited `stale_after` seconds (its message is not waiting there), or when it was sent longer ago than
    the broker's visibility horizon. While a backlog waits in the queue, nothing is
    sent again. Of two sweepers running at once, one sends (conditional stamp)."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=stale_after)
    depth = messages.queue_depth(kind.queue)
    sent_before = cutoff if depth == 0 else now - timedelta(seconds=messages.resend_horizon_seconds())
    # a message sent before the job was last due was consumed by an earlier attempt (or is a countdown that should have
    # run by now): nothing is known to wait for this job
    may_be_lost = (
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=sent_before) | Q(enqueued_at__lt=F(kind.available_field))
    )
    due = (
        kind.objects()
        .filter(**{f"{kind.available_field}__lte": cutoff}, **kind.status(kind.queued))
        .filter(may_be_lost)
    )
    pks = list(due.values_list("pk", flat=True)[:limit])
    sent = []
    for pk in pks:
        if kind.objects().filter(pk=pk, **kind.status(kind.queued)).filter(may_be_lost).update(enqueued_at=now):
            if messages.send(kind.task_name, pk, queue=kind.queue):
                sent.append(pk)
            else:  # not sent: leave it for the next sweep
                kind.objects().filter(pk=pk, enqueued_at=now).update(enqueued_at=None)
    return sent


class keep_alive:
    """Renew the lease while a long step runs (e.g. an LLM call), every `lease_seconds / 3`.

    `lost` turns true when a renewal finds the lease gone (cancelled, reaped); the worker's final write is
    conditional on the token anyway, so a lost lease can never overwrite anything. Renewals come from one thread per
    process (`_Keeper`): a thread started and joined for every job cost ≈ 0.2 ms of CPU and a wait for its exit,
    for jobs that mostly end long before their first renewal."""

    def __init__(self, kind: JobKind, lease: Lease):
        self.kind, self.lease = kind, lease
        self.lost = False
        self.interval = max(0.5, kind.lease_seconds / 3)
        self.due = 0.0

    def __enter__(self):
        _KEEPER.hold(self)
        return self

    def __exit__(self, *exc):
        _KEEPER.drop(self)


class _Keeper:
    """This process's renewal thread, started with the first lease held (again in a forked child, which inherits
    no threads). It wakes every `TICK` seconds and renews the held leases that are due; a renewal that runs while
    its job finishes is harmless (both updates are conditional on the lease token)."""

    TICK = 0.25

    def __init__(self):
        self._lock = threading.Lock()
        self._held: set[keep_alive] = set()
        self._pid = 0

    def hold(self, alive: keep_alive) -> None:
        alive.due = time.monotonic() + alive.interval
        with self._lock:
            self._held.add(alive)
            if self._pid != os.getpid():
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="lease-keeper", daemon=True).start()

    def drop(self, alive: keep_alive) -> None:
        with self._lock:
            self._held.discard(alive)

    def _run(self) -> None:
        from django.db import connection

        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                due = [alive for alive in self._held if alive.due <= now]
            if not due:
                continue
            try:
                for alive in due:
                    self._renew(alive)
            finally:
                connection.close()  # renewals are rare: no connection is held between them

    def _renew(self, alive: keep_alive) -> None:
        try:
            held = renew(alive.kind, alive.lease)
        except Exception:  # noqa: BLE001 - the database may come back before the lease runs out: try again later
            log.warning("lease renewal failed", exc_info=True, extra={"job": str(alive.lease.pk)})
            held = True
        alive.due = time.monotonic() + alive.interval
        if not held:
            alive.lost = True
            self.drop(alive)


_KEEPER = _Keeper()
