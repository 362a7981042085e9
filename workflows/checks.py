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


@register()
def garment_parsers_present(app_configs, **kwargs):
    """The local Studio backend's parser files are there and not empty: a deployment that lost one would otherwise
    find out in every extract job (retried, dead-lettered and refunded) instead of at start."""
    if settings.STUDIO_BACKEND != "local":
        return []
    from workflows.studio.garments import parser

    errors = []
    for path in (parser.WEIGHTS, *parser.EXTRA_WEIGHTS):
        if not path.is_file() or path.stat().st_size == 0:
            errors.append(
                Error(
                    f"The garment parser file {path} is missing or empty.",
                    hint="Restore it from the repository (git checkout -- workflows/studio/garments/).",
                    id="workflows.E002",
                )
            )
    return errors
