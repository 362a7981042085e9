"""The Celery app. Queues: `extract`, `studio`, `webhooks`, `default` (beat's periodic jobs)."""

from __future__ import annotations

import os

from celery import signals
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from config.breaker import GuardedCelery  # noqa: E402 - after the settings module is named

app = GuardedCelery("monolith")  # skips a broker that just failed to answer (config/breaker.py)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue("default"), Queue("extract"), Queue("studio"), Queue("webhooks")]
app.conf.task_routes = {
    "extractor.run_extraction": {"queue": "extract"},
    "extractor.deliver_webhook": {"queue": "webhooks"},
    "workflows.run_job": {"queue": "studio"},
}
# A publish to a broker that is down gives up quickly: the row is in PostgreSQL and the sweeper re-sends.
app.conf.task_publish_retry_policy = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
app.conf.broker_connection_timeout = 2
app.conf.worker_hijack_root_logger = False  # Django's LOGGING (JSON lines with the request id) applies

# Every periodic job, in one place. Each is safe to run twice at once (conditional updates). A message that waited
# longer than its own interval is dropped (`expires`): the next tick does the same work, so a busy or stalled worker
# never builds a backlog of periodic messages in front of real jobs.
_PERIODIC = {
    "extractor-reap": ("extractor.reap", 30.0),
    "extractor-sweep": ("extractor.sweep", 10.0),
    "extractor-expire-cache": ("extractor.expire_cache", 300.0),
    "extractor-retry-webhooks": ("extractor.retry_webhooks", 30.0),
    "extractor-purge-idempotency-keys": ("extractor.purge_idempotency_keys", 3600.0),
    "workflows-reap": ("workflows.reap", 30.0),
    "workflows-sweep": ("workflows.sweep", 10.0),
    "workflows-poll-studio": ("workflows.poll_studio", 5.0),
    "workflows-cancel-remote-runs": ("workflows.cancel_remote_runs", 10.0),
}
app.conf.beat_schedule = {
    name: {"task": task, "schedule": every, "options": {"expires": every}} for name, (task, every) in _PERIODIC.items()
}
app.autodiscover_tasks()


@signals.before_task_publish.connect
def _carry_request_id(headers=None, **_):
    from config.request_id import current_request_id

    if headers is not None and current_request_id():
        headers.setdefault("request_id", current_request_id())


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_connections(task=None, **_):
    """What Django does around a request, around a task: a connection past CONN_MAX_AGE, or left unusable by an
    error, is closed; the others are kept (health-checked before reuse), so a job does not open a new one (see
    CELERY_DB_REUSE_MAX). Not for an eager task, which runs inside its caller's transaction."""
    from django.db import close_old_connections

    if not getattr(getattr(task, "request", None), "is_eager", False):
        close_old_connections()


@signals.task_prerun.connect
def _bind_request_id(task=None, **_):
    from config.request_id import bind_request_id

    request_id = getattr(task.request, "request_id", None) if task else None
    bind_request_id(request_id)


@signals.worker_init.connect
def _warm_pipeline(**_):
    """In the worker's main process, before the pool forks: what the extraction pipeline loads lazily is loaded once
    and shared by every pool process (see extractor.pipeline.warm_up)."""
    from extractor.pipeline import warm_up

    warm_up()
