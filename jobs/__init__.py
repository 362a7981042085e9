"""The job engine shared by every job kind (extractions, workflow jobs, webhook deliveries).

PostgreSQL decides, Celery delivers. The engine is the only writer of a job's status, lease and attempts and the only
code that sends task messages (`jobs.messages`). A kind declares its model, statuses, task and one `on_end(job,
status)` hook; every terminal transition (finished, retries exhausted, reaped, cancelled) calls that hook once, in the
transaction of the transition.

    from jobs import JobKind, claim, finish, ...
"""

from jobs.engine import (
    JobKind,
    Lease,
    backoff_seconds,
    cancel,
    claim,
    end,
    enqueue,
    enqueue_many,
    enqueue_many_on_commit,
    enqueue_on_commit,
    finish,
    held,
    keep_alive,
    reap,
    release,
    renew,
    retry_later,
    revive,
    sweep,
)

__all__ = [
    "JobKind",
    "Lease",
    "backoff_seconds",
    "cancel",
    "claim",
    "end",
    "enqueue",
    "enqueue_many",
    "enqueue_many_on_commit",
    "enqueue_on_commit",
    "finish",
    "held",
    "keep_alive",
    "reap",
    "release",
    "renew",
    "retry_later",
    "revive",
    "sweep",
]
