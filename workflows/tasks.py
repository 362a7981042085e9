"""Thin Celery entry points: take ids, call one service. Beat schedule (config): `workflows.reap` every
30 s, `workflows.sweep` every 10 s, `workflows.poll_studio` every 5 s, `workflows.cancel_remote_runs` every 10 s — each safe to run twice at once."""

from __future__ import annotations

from celery import shared_task

from workflows import services


@shared_task(name="workflows.run_job", acks_late=True, ignore_result=True)  # sent to queue `studio`
def run_job(job_id: str) -> str | None:
    return services.job_run(job_id=job_id)


@shared_task(name="workflows.reap", ignore_result=True)
def reap() -> dict:
    return services.jobs_reap()


@shared_task(name="workflows.sweep", ignore_result=True)
def sweep() -> list:
    return services.jobs_sweep()


@shared_task(name="workflows.poll_studio", ignore_result=True)
def poll_studio() -> list:
    return services.studio_poll_due()


@shared_task(name="workflows.cancel_remote_runs", ignore_result=True)
def cancel_remote_runs() -> list:
    return services.studio_cancel_due()
