"""The `http` Studio: a remote GPU job service (contract: docs/studio.md).

One client class on the shared outbound client (`config/outbound.py`): every call finishes within connect + read
timeout in total and reads a bounded answer; a bounded number of retries on connection errors / timeouts / 5xx / 429
(safe: submit carries our job id as `Idempotency-Key`); a `StudioError` that says whether retrying could help. A submit
refused after one whose outcome is unknown adopts the run that one may have started, looked up by its key. Polling is
driven from the database (`WorkflowJob.next_poll_at`, the `workflows.poll_studio` beat task), never by long Celery ETAs.
"""

from __future__ import annotations

import logging
import math
import time
from urllib.parse import quote

from config import outbound
from config.limits import JsonRejected, NulInString, parse_json
from workflows.studio.base import StudioBackend, StudioError, StudioJob, StudioStatus, Submission
from workflows.studio.settings import studio_setting

log = logging.getLogger(__name__)

RETRYABLE_STATUS = {429, 500, 502, 503, 504}
MAX_ANSWER_BYTES = 1024 * 1024
MAX_JOB_ID_LENGTH = 128  # WorkflowJob.studio_job_id
MAX_ERROR_TYPE_LENGTH = 64
# An answer is parsed as strictly as our own APIs' bodies (`config.limits.parse_json`): what the database's JSON column
# refuses (NUL, lone surrogates, NaN / Infinity, numbers past a float) or Python's parser cannot nest (RecursionError)
# made recording the answer raise, and the job was polled again every minute, never ended, never refunded.
UNUSABLE = {
    "malformed_json": "not JSON",
    "too_deep": "nested too deep",
    "number_out_of_range": "a number out of range",
    "invalid_unicode": "not valid Unicode",
}


class HttpStudio(StudioBackend):
    name = "http"

    def __init__(
        self,
        base_url: str,
        *,
        token: str = "",
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 0.5,
    ):
        if not base_url:
            raise StudioError("STUDIO_URL is not configured", permanent=True)
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = (connect_timeout, read_timeout)
        self.retries = max(0, int(retries))
        self.backoff = backoff

    @classmethod
    def from_settings(cls) -> HttpStudio:
        return cls(
            studio_setting("STUDIO_URL"),
            token=studio_setting("STUDIO_TOKEN"),
            connect_timeout=float(studio_setting("STUDIO_CONNECT_TIMEOUT")),
            read_timeout=float(studio_setting("STUDIO_READ_TIMEOUT")),
            retries=int(studio_setting("STUDIO_RETRIES")),
            backoff=float(studio_setting("STUDIO_RETRY_BACKOFF")),
        )

    # --- the contract ------------------------------------------------------------------------------

    def submit(self, submission: Submission) -> StudioJob:
        body = {
            "type": submission.job_type,
            "input": submission.input,
            "output_prefix": submission.output_prefix,
            "timeout_seconds": submission.timeout_seconds,
            "priority": submission.priority,
            "client_ref": submission.job_id,
        }
        try:
            data = self._call("POST", "/v1/jobs", json=body, headers={"Idempotency-Key": submission.idempotency_key})
        except StudioError as refused:
            if refused.status_code is None or not refused.permanent:
                raise
            if not (refused.after_unknown or submission.may_exist):
                raise  # no earlier submit can have reached Studio: the refusal is the whole story
            return self._adopt(submission.idempotency_key, refused)
        return self._job(_job_id(data, "a submit"), data)

    def _adopt(self, key: str, refused: StudioError) -> StudioJob:
        """A submit refused (a 4xx) after one whose outcome we do not know (it timed out, lost its connection or got a
        5xx, in this call or an earlier attempt): that one may have started a run Studio goes on with. The run made
        with this idempotency key is adopted as the submit's answer; when there is none, the refusal stands. A lookup
        without a usable answer leaves the outcome unknown: a transient error (the attempt is retried; the job is never
        failed and refunded while a run may go on)."""
        try:
            run = self._lookup(key)
        except StudioError as exc:
            message = f"{refused}, after a submit whose outcome is unknown; looking its run up failed: {exc}"
            raise StudioError(message) from None
        if run is None:
            raise refused
        return run

    def cancel_submitted(self, idempotency_key: str) -> str:
        """The run a submit with this key may have started (its outcome unknown, the job ended without its id), looked
        up and asked to cancel: "cancelled", "no run" or "already over". Raises StudioError."""
        run = self._lookup(idempotency_key)
        if run is None:
            return "no run"
        if run.status.terminal:
            return "already over"
        self.cancel(run.job_id)
        return "cancelled"

    def _lookup(self, key: str) -> StudioJob | None:
        """`GET /v1/jobs?idempotency_key=`: the run the submit with this key started, or None. StudioError when the
        answer is not a list of at most one job with a usable id and status."""
        path = f"/v1/jobs?idempotency_key={quote(key, safe='')}"
        runs = self._call("GET", path).get("jobs")
        if not isinstance(runs, list) or len(runs) > 1 or not all(isinstance(run, dict) for run in runs):
            raise StudioError(f"Studio answered GET {path} without a list of at most one job", permanent=True)
        return self._job(_job_id(runs[0], "a lookup"), runs[0]) if runs else None

    def status(self, studio_job_id: str) -> StudioJob:
        data = self._call("GET", f"/v1/jobs/{quote(studio_job_id, safe='')}")
        return self._job(studio_job_id, data)

    def cancel(self, studio_job_id: str) -> None:
        self._call("POST", f"/v1/jobs/{quote(studio_job_id, safe='')}/cancel", allow={409})

    # --- plumbing ----------------------------------------------------------------------------------

    def _job(self, job_id: str, data: dict) -> StudioJob:
        raw = data.get("status")
        try:
            status = StudioStatus(raw)
        except ValueError:
            raise StudioError(f"Studio answered an unknown status {raw!r}", permanent=True) from None
        result = data.get("result") if status is StudioStatus.COMPLETED else None
        if status is StudioStatus.COMPLETED and not isinstance(result, dict):
            raise StudioError("Studio reported COMPLETED without a result", permanent=True)
        error = data.get("error") if isinstance(data.get("error"), dict) else {}
        error_type, message = error.get("type"), error.get("message")
        error = {
            "type": error_type if isinstance(error_type, str) and len(error_type) <= MAX_ERROR_TYPE_LENGTH else "",
            "message": message[:1000] if isinstance(message, str) else "",
        }
        return StudioJob(job_id, status, progress=_progress(data.get("progress")), result=result, error=error)

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: dict | None = None,
        headers: dict | None = None,
        allow: set[int] = frozenset(),
    ) -> dict:
        url = self.base_url + path
        headers = {"Accept": "application/json", **(headers or {})}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        last: StudioError | None = None
        unknown = False  # an earlier try may have reached Studio and been acted on
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            connect, read = self.timeout
            try:  # Studio is configured by the operator (may be on a private network): trusted
                response = outbound.call(
                    method,
                    url,
                    json=json,
                    headers=headers,
                    deadline=connect + read,
                    connect_timeout=connect,
                    max_bytes=MAX_ANSWER_BYTES,
                    trusted=True,
                )
            except outbound.OutboundError as exc:
                if exc.permanent:  # e.g. a metadata address: no retry can help
                    raise StudioError(f"Studio refused on {method} {path}: {exc}", permanent=True) from None
                what = "timed out" if exc.reason == "timeout" else "unreachable"
                last = StudioError(f"Studio {what} on {method} {path}: {str(exc).split(':', 1)[0]}")
                unknown = unknown or exc.reason in ("timeout", "network")
                continue
            if response.status_code in RETRYABLE_STATUS:
                last = StudioError(
                    f"Studio answered {response.status_code} on {method} {path}", status_code=response.status_code
                )
                unknown = unknown or response.status_code >= 500
                continue
            if response.status_code in allow:
                return {}
            if not 200 <= response.status_code < 300:
                raise StudioError(
                    f"Studio answered {response.status_code} on {method} {path}",
                    permanent=True,
                    status_code=response.status_code,
                    after_unknown=unknown,
                )
            return _answer(response, method, path)
        log.warning("studio call failed after retries", extra={"path": path, "error": str(last)})
        assert last is not None
        raise last


def _answer(response, method: str, path: str) -> dict:
    """The JSON object of a 2xx answer, read as strictly as our own API's bodies; a `StudioError` (permanent) if not."""
    if getattr(response, "truncated", False):  # read up to the bound (decoded: a gzip bomb stops there too)
        raise StudioError(f"Studio answered more than {MAX_ANSWER_BYTES:,} bytes on {method} {path}", permanent=True)
    try:
        data = parse_json(response.content)
    except JsonRejected as exc:
        why = UNUSABLE.get(exc.reason, "not JSON")
        raise StudioError(f"Studio answered unusable JSON on {method} {path}: {why}", permanent=True) from None
    except NulInString:
        raise StudioError(
            f"Studio answered unusable JSON on {method} {path}: a NUL character", permanent=True
        ) from None
    if not isinstance(data, dict):
        raise StudioError(f"Studio answered a non-object on {method} {path}", permanent=True)
    return data


def _job_id(data: dict, what: str) -> str:
    """The job id of an answer naming a Studio job; a permanent `StudioError` when it is no usable id."""
    job_id = data.get("job_id")
    if not isinstance(job_id, str) or not 0 < len(job_id) <= MAX_JOB_ID_LENGTH or not job_id.isprintable():
        raise StudioError(f"Studio answered {what} without a usable job_id", permanent=True)
    return job_id


def _progress(value) -> float | None:
    """A progress Studio reports, as a fraction from 0 to 1; None for anything that is not a finite number."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    value = float(value)
    return min(1.0, max(0.0, value)) if math.isfinite(value) else None
