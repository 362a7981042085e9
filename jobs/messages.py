"""The only code that sends task messages. A send that fails or times out never fails the caller: the job row is
safe in PostgreSQL, stays queued without `enqueued_at`, and the sweeper sends its message later."""

from __future__ import annotations

import logging

from django.conf import settings

log = logging.getLogger(__name__)


def send(task_name: str, pk, *, queue: str, countdown: float | None = None) -> bool:
    """Publish one message carrying only the job id. True when the broker took it."""
    from config.celery import app
    from config.timing import external

    try:
        with external():  # the broker counts as external time in a request's `timing`
            app.send_task(task_name, args=[str(pk)], queue=queue, countdown=countdown)
    except Exception:  # noqa: BLE001 - broker down or hung (socket timeouts): the sweeper sends it later
        log.warning("message not sent; the sweeper will send it", extra={"job": str(pk), "task": task_name})
        return False
    return True


def send_many(task_name: str, pks: list, *, queue: str) -> list[bool]:
    """Publish one message per job, all in one round trip where the broker can batch them (Redis: one pipeline);
    per job, True when the broker took its message. A message not taken, or whose fate is unknown (the pipeline
    itself failed), is False: its job is left for the sweeper, like a failed `send`."""
    from config.breaker import BROKER
    from config.celery import app
    from config.timing import external

    published: list[int] = []  # the jobs handed to the producer, in order
    try:
        with external(), app.producer_or_acquire() as producer:
            with producer.batch() as batch:
                for index, pk in enumerate(pks):
                    try:
                        app.send_task(task_name, args=[str(pk)], queue=queue, producer=producer)
                    except Exception:  # noqa: BLE001 - this one is left for the sweeper; the others go on
                        continue
                    published.append(index)
                batch.flush()
            session = batch.state.session  # None: the transport published each message at once
    except Exception as exc:  # noqa: BLE001 - broker down or hung: the sweeper sends them later
        BROKER.failed(exc)
        log.warning("messages not sent; the sweeper will send them", extra={"jobs": len(pks), "task": task_name})
        return [False] * len(pks)
    # our Redis channel's batch tells each message's fate; kombu's own raised above unless Redis took them all
    flags = getattr(session, "taken", None) or [True] * len(published)
    taken = [False] * len(pks)
    if len(flags) == len(published):
        for index, ok in zip(published, flags, strict=True):
            taken[index] = ok
    if not all(taken):
        log.warning(
            "messages not sent; the sweeper will send them", extra={"jobs": taken.count(False), "task": task_name}
        )
    return taken


def resend_horizon_seconds() -> float:
    """After this long a message still unanswered may be lost even though the broker took it (a worker that took it
    died before claiming: Redis gives it back only after the visibility timeout)."""
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {}
    return float(options.get("visibility_timeout") or 3600)


def queue_depth(queue: str) -> int | None:
    """Messages waiting in `queue`, or None when the broker cannot say (not Redis, or not answering)."""
    from config.celery import app

    if not str(app.conf.broker_url or "").startswith(("redis://", "rediss://")):
        return None
    try:
        with app.connection_for_read() as conn:
            client = conn.default_channel.client
            return int(client.llen(queue))
    except Exception:  # noqa: BLE001 - unknown depth: the caller falls back to the visibility horizon
        return None
