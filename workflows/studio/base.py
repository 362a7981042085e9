"""The Studio contract shared by every backend: submit, status, cancel, result.

A backend takes a job (our id, a Studio job type, the validated input and the storage prefix its
outputs must be written under) and reports a `StudioJob`. The `local` backend does the work inside
`submit` and answers with a terminal state; the `http` backend answers NOT_STARTED / IN_PROGRESS and
is polled later. Results name storage keys, never bytes: `{"items": [{label, score, bbox: {x, y,
width, height}, image_key, mask_key}]}`.
"""

from __future__ import annotations

import abc
import enum
from dataclasses import dataclass, field


class StudioStatus(str, enum.Enum):
    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    TIMED_OUT = "TIMED_OUT"

    @property
    def terminal(self) -> bool:
        return self not in (StudioStatus.NOT_STARTED, StudioStatus.IN_PROGRESS)


@dataclass
class StudioJob:
    """What Studio says about one job."""

    job_id: str
    status: StudioStatus
    progress: float | None = None
    result: dict | None = None
    error: dict = field(default_factory=dict)  # {"type", "message"} when FAILED / TIMED_OUT / CANCELLED


class StudioError(Exception):
    """Talking to Studio failed. `permanent` = retrying the same call cannot help (4xx, bad answer). `after_unknown`:
    an earlier try of the same call timed out, lost its connection or got a 5xx, so Studio may have acted on it."""

    def __init__(
        self, message: str, *, permanent: bool = False, status_code: int | None = None, after_unknown: bool = False
    ):
        super().__init__(message)
        self.permanent = permanent
        self.status_code = status_code
        self.after_unknown = after_unknown


class StudioJobFailed(Exception):
    """Raised by a workflow's local runner: the input cannot give a result (e.g. `no_items_found`)."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type
        self.message = message


@dataclass(frozen=True)
class Submission:
    job_id: str  # ours (the request ULID): also the idempotency key of the submit
    job_type: str
    input: dict
    output_prefix: str
    timeout_seconds: int
    priority: int = 0
    idempotency_key: str = ""  # the job id; with a suffix once staff retried it, so Studio starts a new run
    may_exist: bool = False  # an earlier attempt of this job may have submitted it (its outcome unknown to us)

    def __post_init__(self):
        if not self.idempotency_key:
            object.__setattr__(self, "idempotency_key", self.job_id)  # frozen dataclass


class StudioBackend(abc.ABC):
    name: str = ""

    @abc.abstractmethod
    def submit(self, submission: Submission) -> StudioJob:
        """Start the job. Raises StudioError."""

    @abc.abstractmethod
    def status(self, studio_job_id: str) -> StudioJob:
        """Current state (with `result` when COMPLETED). Raises StudioError."""

    @abc.abstractmethod
    def cancel(self, studio_job_id: str) -> None:
        """Ask Studio to stop; best effort. Raises StudioError."""

    def cancel_submitted(self, idempotency_key: str) -> str:
        """Cancel the run a submit with this key may have started, whose id we never learnt: "cancelled", "no run" or
        "already over". A backend that runs the work inside `submit` leaves nothing running. Raises StudioError."""
        return "no run"

    def result(self, studio_job_id: str) -> dict | None:
        state = self.status(studio_job_id)
        return state.result if state.status is StudioStatus.COMPLETED else None
