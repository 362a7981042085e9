"""The Celery app. Queues: `extract`, `studio`, `webhooks`, `default` (beat's periodic jobs)."""
from __future__ import annotations

import os

from celery import Celery, signals
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("monolith")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue("default"), Queue("extract"), Queue("studio"), Queue("webhooks")]
app.autodiscover_tasks()


@signals.before_task_publish.connect
def _carry_request_id(headers=None, **_):
    from config.request_id import current_request_id

    if headers is not None and current_request_id():
        headers.setdefault("request_id", current_request_id())


@signals.task_prerun.connect
def _bind_request_id(task=None, **_):
    from config.request_id import bind_request_id

    request_id = getattr(task.request, "request_id", None) if task else None
    bind_request_id(request_id)
