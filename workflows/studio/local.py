"""The `local` Studio: the work runs inside the Celery worker (queue `studio`), on the CPU.

`submit` runs the workflow's local runner to the end and answers with a terminal state; the result
is also written next to the outputs (`<prefix>result.json`) so `status` can answer later.
"""

from __future__ import annotations

import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from workflows.studio.base import StudioBackend, StudioError, StudioJob, StudioJobFailed, StudioStatus, Submission

log = logging.getLogger(__name__)


class LocalStudio(StudioBackend):
    name = "local"

    def submit(self, submission: Submission) -> StudioJob:
        from workflows.registry import all_workflows

        runner = next((w.run_local for w in all_workflows() if w.studio_job_type == submission.job_type), None)
        if runner is None:
            raise StudioError(f"unknown job type {submission.job_type!r}", permanent=True)
        try:
            result = runner(submission.input, submission.output_prefix)
        except StudioJobFailed as failed:
            return StudioJob(
                submission.job_id, StudioStatus.FAILED, error={"type": failed.error_type, "message": failed.message}
            )
        manifest = f"{submission.output_prefix}result.json"
        if default_storage.exists(manifest):
            default_storage.delete(manifest)
        default_storage.save(manifest, ContentFile(json.dumps(result).encode()))
        return StudioJob(submission.job_id, StudioStatus.COMPLETED, progress=1.0, result=result)

    def status(self, studio_job_id: str) -> StudioJob:
        # Local jobs are run to the end by `submit`; there is nothing to poll.
        raise StudioError("the local Studio has no job to poll", permanent=True)

    def cancel(self, studio_job_id: str) -> None:
        # The worker's final write is conditional on its lease: a cancelled job's result is discarded.
        return None
