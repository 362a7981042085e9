"""Start-up checks (`manage.py check`, also run by `migrate` and the web server)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


@register()
def lease_outlives_the_task(app_configs, **kwargs):
    """A local job runs under one lease for the whole task: a lease shorter than the hard time limit would let the reaper
    hand a job that is still running to a second worker."""
    lease, limit = settings.WORKFLOW_LEASE_SECONDS, settings.CELERY_TASK_TIME_LIMIT
    if lease <= limit:
        return [
            Error(
                f"WORKFLOW_LEASE_SECONDS ({lease}) must be above CELERY_HARD_TIME_LIMIT ({limit}).",
                hint="Raise WORKFLOW_LEASE_SECONDS or lower CELERY_HARD_TIME_LIMIT.",
                id="workflows.E001",
            )
        ]
    return []
