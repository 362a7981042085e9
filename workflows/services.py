"""Every state change of a workflow job: dispatch (charge + create), run, poll, cancel, retry.

Status, lease and attempts are written by the job engine (`jobs`) only. Every terminal transition — finished by a
worker or the poller, retries exhausted, reaped, cancelled — calls `_on_end` in its transaction: the one place where a
job that did not complete is refunded and its partial files are removed."""

from __future__ import annotations

import io
import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Concat, Left
from django.utils import timezone
from PIL import Image

import jobs
from billing.models import CreditEntry, Tenant
from billing.services import credits_charge, credits_refund
from config.errors import Conflict, FieldError, InsufficientCredits, NotFound, PayloadTooLarge, RequestInvalid
from config.http_guard import Unresolvable, UnsafeUrl, check_url, is_uri
from config.limits import MAX_REPORTED
from config.request_id import is_ulid
from config.timing import external
from webhooks import delivery as webhook_delivery
from workflows.images import MAX_PIXELS, ImageTooCostly, open_image
from workflows.models import (
    END_EVENTS,
    GAVE_UP,
    TERMINAL,
    ErrorType,
    JobStatus,
    RemoteCancel,
    WebhookEvent,
    WorkflowJob,
)
from workflows.registry import get_workflow
from workflows.representation import request_body
from workflows.selectors import remote_cancels_given_up
from workflows.storage import (
    EXTENSIONS,
    IMAGE_FORMATS,
    MAX_UPLOAD_BYTES,
    delete_prefix,
    is_s3,
    job_prefix,
    key_belongs_to,
    stored_png_problem,
    tenant_prefix,
)
from workflows.studio.backends import get_backend
from workflows.studio.base import StudioBackend, StudioError, StudioJob, StudioJobFailed, StudioStatus, Submission
from workflows.studio.settings import studio_setting

log = logging.getLogger(__name__)

# Error types a Studio may report for FAILED that we pass through; anything else is `studio_error`.
PASSTHROUGH_ERRORS = {ErrorType.NO_ITEMS_FOUND, ErrorType.IMAGE_UNREADABLE, ErrorType.INVALID_INPUT}


def _error(error_type: str, message: str) -> dict:
    return {"type": str(error_type), "message": message[:1000]}


def _on_end(job: WorkflowJob, status: str) -> None:
    """Every terminal transition, in its transaction. Anything but COMPLETED is refunded (exactly once: the ledger
    refuses a second refund of one request) and leaves no files a tenant could fetch (deleted once committed). Then
    the job's callback, if it asked for this end, carrying the job as `GET /v1/requests/{id}` shows it (refund
    included)."""
    if status != JobStatus.COMPLETED:
        error_type = (job.error or {}).get("type") or "unknown"
        job_refund(job_id=job.pk, reason=f"{str(status).lower()}: {error_type}")
        prefix = job_prefix(job.tenant_id, job.pk)
        transaction.on_commit(lambda: delete_prefix(prefix))
        if _may_leave_unknown_run(job, status):
            owed = _owe_cancel(job)
            transaction.on_commit(lambda: _try_cancel(owed.pk))
        log.info("workflow job ended", extra={"job": job.pk, "status": str(status), "error_type": str(error_type)})
    event = END_EVENTS[status]
    if job.webhook_url and (not job.webhook_events or event in job.webhook_events):  # no events listed: all of them
        webhook_delivery.create(  # `request.<event>`, signed and delivered like the extractor's (`webhooks/`)
            tenant_id=job.tenant_id,
            urls=[job.webhook_url],
            type_=f"request.{event}",
            event=event,
            data=request_body(job),
            generation=job.staff_retries,
            request_id=job.pk,
        )


def _may_leave_unknown_run(job: WorkflowJob, status: str) -> bool:
    """An end, by a worker or the reaper, that may leave a remote run going whose id we never learnt: `DEAD_LETTER`
    (its last attempt's submit timed out, or its worker was lost after a submit), or `FAILED` before the submit of an
    attempt after one whose submit may have started a run (the photo gone meanwhile). A refused submit (`studio_error`)
    owes its own in `_refused`; cancels (tenant, staff) theirs in `job_cancel`."""
    if job.studio_job_id or job.studio_backend == "local":
        return False
    if status == JobStatus.DEAD_LETTER:
        return True
    return status == JobStatus.FAILED and job.attempts > 1 and (job.error or {}).get("type") != ErrorType.STUDIO_ERROR


def _idempotency_key(job: WorkflowJob) -> str:
    """The key of the job's submits: its id; with a suffix once staff retried it, so that Studio starts a new run."""
    return job.pk if not job.staff_retries else f"{job.pk}.retry{job.staff_retries}"


KIND = jobs.JobKind(
    model=WorkflowJob,
    queued=JobStatus.NOT_STARTED,
    claimed=JobStatus.IN_PROGRESS,
    dead=JobStatus.DEAD_LETTER,
    cancelled=JobStatus.CANCELLED,
    terminal=TERMINAL,
    task_name="workflows.run_job",
    queue="studio",
    # Longer than the task's hard time limit (checked at start-up): a live worker never loses its lease.
    lease_seconds=settings.WORKFLOW_LEASE_SECONDS,
    dead_fields=lambda: {
        "error": _error(ErrorType.WORKER_LOST, "The worker running this job was lost and its retries ran out."),
        "finished_at": timezone.now(),
        "next_poll_at": None,
    },
    on_end=_on_end,
)


# --- dispatch ----------------------------------------------------------------------------------


def workflow_dispatch(*, tenant: Tenant, name: str, body, request_id: str) -> WorkflowJob:
    """Validate, then in one transaction charge the price and create the job; the message is sent on
    commit. Unknown workflow → NotFound; invalid body → RequestInvalid; short of credits → 402, no job."""
    workflow = get_workflow(name)
    if workflow is None:
        raise NotFound(f"Workflow '{name}' not found.")
    body, callback, errors = _split_callback(body)
    try:
        cleaned = workflow.clean_input(body, tenant.pk)
    except RequestInvalid as invalid:
        raise RequestInvalid(invalid.errors + errors) from None
    if errors:
        raise RequestInvalid(errors)
    price = workflow.price(tenant.plan)
    with transaction.atomic():
        try:
            credits_charge(tenant_id=tenant.pk, amount=price, request_id=request_id, reason=f"workflow {name}")
        except InsufficientCredits:
            raise InsufficientCredits(f"Not enough credits: '{name}' costs {price} credit(s).") from None
        job = WorkflowJob.objects.create(
            id=request_id,
            tenant=tenant,
            workflow=name,
            status=JobStatus.NOT_STARTED,
            credits_cost=price,
            input=cleaned,
            studio_backend=studio_setting("STUDIO_BACKEND"),
            max_attempts=tenant.plan.max_attempts,
            **callback,
        )
        jobs.enqueue_on_commit(KIND, job.pk)
    return job


CALLBACK_FIELDS = ("webhook_url", "webhook_events")


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" (an unclosed IPv6 bracket), "http://[x]/" (not an IPv6 address)
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and is_uri(url)  # the schema's `format: uri`


def _split_callback(body) -> tuple[object, dict, list[FieldError]]:
    """The optional callback fields every workflow accepts, apart from the workflow's own input: (the rest of the body,
    the job fields, their errors). `webhook_url` is SSRF-guarded like the extractor's `webhookUrl` (checked again at
    every delivery); `webhook_events` is a subset of the four ends (empty or missing: all)."""
    if not isinstance(body, dict) or not any(field in body for field in CALLBACK_FIELDS):
        return body, {}, []
    rest = {key: value for key, value in body.items() if key not in CALLBACK_FIELDS}
    url, events, errors = body.get("webhook_url"), body.get("webhook_events"), []
    if url is not None:
        if not isinstance(url, str):
            errors.append(FieldError(("webhook_url",), "string_type", "Input should be a valid string", input=url))
        elif len(url) > 2048 or not _is_web_url(url):
            errors.append(
                FieldError(
                    ("webhook_url",),
                    "url_parsing",
                    "Input should be a valid http or https URL of at most 2048 characters",
                    input=url,
                )
            )
        else:
            try:
                with external():
                    check_url(url, resolve_by=time.monotonic() + settings.SUBMIT_RESOLVE_SECONDS)
            except Unresolvable:
                pass  # not resolved (in time): cannot be shown unsafe now; the guard runs again at every delivery
            except UnsafeUrl as exc:
                errors.append(
                    FieldError(("webhook_url",), "value_error", f"Value error, unsafe_url: {exc.reason}", input=url)
                )
    if events is not None and not isinstance(events, list):
        errors.append(FieldError(("webhook_events",), "list_type", "Input should be a valid list", input=events))
        events = None
    allowed = [str(e) for e in WebhookEvent]
    for i, event in enumerate(events or []):
        if event not in allowed:
            if len(errors) >= MAX_REPORTED:  # a 600,000-item list: the answer lists the first ones
                break
            errors.append(
                FieldError(
                    ("webhook_events", i),
                    "enum",
                    "Input should be " + ", ".join(f"'{e}'" for e in allowed[:-1]) + f" or '{allowed[-1]}'",
                    input=event,
                )
            )
    if errors:
        return rest, {}, errors
    return rest, {"webhook_url": url, "webhook_events": list(dict.fromkeys(events or []))}, errors


# --- the refund path ---------------------------------------------------------------------------


def job_refund(*, job_id: str, reason: str) -> CreditEntry | None:
    """Give back what the dispatch of `job_id` charged. Exactly once: a second call returns None
    (the ledger's unique (request_id, refund) constraint refuses it)."""
    return credits_refund(request_id=job_id, reason=reason)


def job_fail(
    *,
    job_id: str,
    status: str,
    error_type: str,
    message: str,
    lease: jobs.Lease | None = None,
    only_if: dict | None = None,
) -> bool:
    """End an unfinished job as FAILED / CANCELLED / DEAD_LETTER with its error (the engine's `end`; `_on_end`
    refunds it in the same transaction). With `lease`, only while that lease holds; else only from NOT_STARTED /
    IN_PROGRESS (plus `only_if`). False when the job had already moved on (nothing is refunded)."""
    assert status in (JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DEAD_LETTER)
    return jobs.end(
        KIND,
        job_id,
        status,
        lease=lease,
        where=only_if,
        error=_error(error_type, message),
        finished_at=timezone.now(),
        next_poll_at=None,
    )


def _retry_or_dead(lease: jobs.Lease, error_type: str, message: str) -> str | None:
    """A retryable failure: back to NOT_STARTED with backoff, or DEAD_LETTER (refunded) once attempts ran out."""
    dead = {
        "error": _error(
            ErrorType.RETRIES_EXHAUSTED, f"Retries exhausted after {lease.attempts} attempts; last error: {message}"
        ),
        "finished_at": timezone.now(),
        "next_poll_at": None,
    }
    with transaction.atomic():
        return jobs.retry_later(KIND, lease, dead=dead, error=_error(error_type, message))


# --- running -----------------------------------------------------------------------------------


def job_run(*, job_id: str) -> str | None:
    """Claim the job and hand it to its Studio backend. Safe to call twice: the second claim finds nothing.
    Returns the job's status afterwards, or None when there was nothing to do."""
    lease = jobs.claim(KIND, job_id)
    if lease is None:
        return None
    jobs.held(KIND, lease).update(started_at=Coalesce(F("started_at"), timezone.now()), error=None)
    job = WorkflowJob.objects.get(pk=job_id)
    submission = _submission(job, lease)
    submitted = _submit(job, submission, lease) if submission is not None else None
    if submitted is None:  # the job has ended (failed), or waits for a retry
        return _status(job_id)
    backend, state = submitted
    if state.status.terminal:
        try:
            _record_terminal(job, state, backend, lease=lease)
        except Exception as exc:  # noqa: BLE001 - storage cannot read an output for now: retry (Studio answers again)
            log.exception("recording Studio's answer failed", extra={"job": job_id})
            _retry_or_dead(lease, ErrorType.STUDIO_ERROR, f"Internal error: {exc.__class__.__name__}")
    elif not jobs.release(
        KIND,
        lease,
        studio_job_id=state.job_id,
        progress=state.progress,
        poll_failures=0,
        next_poll_at=timezone.now() + timedelta(seconds=int(studio_setting("STUDIO_POLL_INTERVAL"))),
        deadline_at=timezone.now() + timedelta(seconds=submission.timeout_seconds),
    ):
        _try_cancel(_owe_cancel(job, state.job_id).pk)  # cancelled while we were submitting
    return _status(job_id)


def _submission(job: WorkflowJob, lease: jobs.Lease) -> Submission | None:
    """What Studio is asked to run for a claimed job; None when the job cannot run any more (then it is failed, or it
    ended meanwhile)."""
    workflow = get_workflow(job.workflow)
    if workflow is None:
        job_fail(
            job_id=job.pk,
            status=JobStatus.FAILED,
            error_type=ErrorType.INVALID_INPUT,
            message=f"Workflow '{job.workflow}' is no longer available.",
            lease=lease,
        )
        return None
    pinned = job.studio_backend != "local" and workflow.pin_input is not None
    try:  # validated at dispatch, checked again now that it has been paid for (the image may be gone)
        cleaned = workflow.clean_input(job.input, job.tenant_id, read_files=not pinned)  # pinned: read once, below
    except RequestInvalid as invalid:
        message = "; ".join(f"{'.'.join(map(str, e.loc))}: {e.message}" for e in invalid.errors)
        job_fail(
            job_id=job.pk, status=JobStatus.FAILED, error_type=ErrorType.INVALID_INPUT, message=message, lease=lease
        )
        return None
    output_prefix = job_prefix(job.tenant_id, job.pk)
    if pinned:
        try:
            cleaned = workflow.pin_input(cleaned, output_prefix)
        except StudioJobFailed as failed:  # replaced since the check just above
            job_fail(
                job_id=job.pk,
                status=JobStatus.FAILED,
                error_type=failed.error_type,
                message=failed.message,
                lease=lease,
            )
            return None
        except Exception as exc:  # noqa: BLE001 - storage refused the copy: retry, then dead
            log.exception("workflow input could not be pinned", extra={"job": job.pk})
            _retry_or_dead(lease, ErrorType.STUDIO_ERROR, f"Internal error: {exc.__class__.__name__}")
            return None
        if not jobs.held(KIND, lease).exists():  # cancelled while we copied: nothing to submit, nor to keep
            status = _status(job.pk)  # (reaped instead: another worker's attempt owns the prefix now)
            if status in TERMINAL and status != JobStatus.COMPLETED:  # emptied by `_on_end`, maybe before our copy
                delete_prefix(output_prefix)
            return None
    return Submission(
        job_id=job.pk,
        job_type=workflow.studio_job_type,
        input=cleaned,
        output_prefix=output_prefix,
        timeout_seconds=workflow.timeout_seconds(cleaned, int(studio_setting("STUDIO_DEFAULT_TIMEOUT"))),
        priority=workflow.priority(cleaned),
        idempotency_key=_idempotency_key(job),
        may_exist=lease.attempts > 1,  # an earlier attempt's submit may have reached Studio (a timeout, a crash)
    )


def _submit(job: WorkflowJob, submission: Submission, lease: jobs.Lease) -> tuple[StudioBackend, StudioJob] | None:
    """Submit to the job's backend: (backend, Studio's answer), or None when the submit failed (the job is failed, or
    retried later / dead once its attempts ran out)."""
    try:
        backend = get_backend(job.studio_backend)
        return backend, backend.submit(submission)
    except StudioError as exc:
        if exc.permanent:
            _refused(job, submission, lease, exc)
        else:
            _retry_or_dead(lease, ErrorType.STUDIO_ERROR, f"Studio submit failed: {exc}")
    except Exception as exc:  # noqa: BLE001 - a bug or a resource problem in the local runner: retry, then dead
        log.exception("workflow job crashed", extra={"job": job.pk})
        _retry_or_dead(lease, ErrorType.STUDIO_ERROR, f"Internal error: {exc.__class__.__name__}")
    return None


def _refused(job: WorkflowJob, submission: Submission, lease: jobs.Lease, exc: StudioError) -> None:
    """A refused submit fails the job. After a submit whose outcome is unknown (this attempt's or an earlier one's),
    the backend found no run by its key, but that submit may still reach Studio after the lookup (a request still on
    its way, a lost worker still submitting): the run its key may start is owed a cancel, in the job's end's
    transaction, which the sweeper looks up again once a lease would have expired."""
    unknown_before = job.studio_backend != "local" and (exc.after_unknown or submission.may_exist)
    with transaction.atomic():
        ended = job_fail(
            job_id=job.pk,
            status=JobStatus.FAILED,
            error_type=ErrorType.STUDIO_ERROR,
            message=f"Studio refused the job: {exc}",
            lease=lease,
        )
        if ended and unknown_before:
            _owe_cancel(job)


def _status(job_id: str) -> str | None:
    return WorkflowJob.objects.filter(pk=job_id).values_list("status", flat=True).first()


MAX_LABEL_LENGTH = 100
MAX_ITEMS = 8  # extraction_context.max_items at most


def _number(value, low: float, high: float, *, default: float = 0.0) -> float | None:
    """`value` (absent: `default`) when it is a finite number from `low` to `high`, else None."""
    if value is None:
        return default
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
        return None
    return float(value)


def _checked_item(item, index: int, prefix: str) -> tuple[dict | None, str]:
    """One item of a Studio result as we store it, or (None, what is wrong with it)."""
    if not isinstance(item, dict):
        return None, f"item {index} is not an object"
    label = item.get("label") if item.get("label") is not None else ""  # absent: "" (not `false`, `0` or `[]`)
    if not isinstance(label, str) or len(label) > MAX_LABEL_LENGTH or not label.isprintable():
        return None, f"item {index}: label must be a string of at most {MAX_LABEL_LENGTH} printable characters"
    score = _number(item.get("score"), 0, 1)
    if score is None:
        return None, f"item {index}: score must be a number from 0 to 1"
    bbox = item.get("bbox") if item.get("bbox") is not None else {}
    if not isinstance(bbox, dict):
        return None, f"item {index}: bbox must be an object"
    box = {}
    for name in ("x", "y", "width", "height"):
        value = _number(bbox.get(name), 0, MAX_PIXELS)
        if value is None:
            return None, f"item {index}: bbox.{name} must be a number from 0 to {MAX_PIXELS:,}"
        box[name] = int(value)
    for name in ("image_key", "mask_key"):
        key = item.get(name)
        if not (isinstance(key, str) and key_belongs_to(key, prefix) and key.endswith(".png") and key.isprintable()):
            return None, f"item {index}: {name} must name a PNG under the job's output prefix"
    return {
        "label": label,
        "score": score,
        "bbox": box,
        "image_key": item["image_key"],
        "mask_key": item["mask_key"],
    }, ""


def _checked_result(job: WorkflowJob, result, *, remote: bool) -> tuple[dict | None, str]:
    """The result as we store it, or (None, what is wrong with it): every field of the contract's type and range,
    every key a PNG inside the job's own prefix (Studio cannot point us elsewhere), no more items than the job asked
    for. A `remote` Studio's objects are read back too: each must exist and be a PNG the upload would accept (we
    serve them as such), which the `local` backend has just written itself."""
    prefix = job_prefix(job.tenant_id, job.pk)
    items = result.get("items") if isinstance(result, dict) else None
    if not isinstance(items, list):
        return None, "items must be a list"
    context = (job.input or {}).get("extraction_context") or {}
    asked = context.get("max_items") if isinstance(context, dict) else None
    asked = asked if isinstance(asked, int) and 0 < asked <= MAX_ITEMS else MAX_ITEMS
    if len(items) > asked:
        return None, f"{len(items)} items, more than the {asked} the job asked for"
    clean = []
    for index, item in enumerate(items):
        checked, problem = _checked_item(item, index, prefix)
        if checked is None:
            return None, problem
        clean.append(checked)
    if remote:
        read: set[str] = set()
        for index, item in enumerate(clean):
            for name in ("image_key", "mask_key"):
                problem = stored_png_problem(item[name]) if item[name] not in read else ""
                if problem:
                    return None, f"item {index}: {name} {problem}"
                read.add(item[name])
    return {"items": clean}, ""


def _record_terminal(job: WorkflowJob, state: StudioJob, backend: StudioBackend, *, lease: jobs.Lease | None) -> bool:
    """Write Studio's terminal answer, conditional on the lease (local) or on the job still waiting for
    this Studio job (http). A job cancelled meanwhile keeps its CANCELLED state; its files are removed."""
    only_if = None if lease else {"status": JobStatus.IN_PROGRESS, "studio_job_id": state.job_id}
    if state.status is StudioStatus.COMPLETED:
        result, problem = _checked_result(job, state.result, remote=backend.name != "local")
        if result is None:
            return job_fail(
                job_id=job.pk,
                status=JobStatus.FAILED,
                error_type=ErrorType.STUDIO_ERROR,
                message=f"Studio returned a malformed result: {problem}.",
                lease=lease,
                only_if=only_if,
            )
        if not result["items"]:  # nothing cut out is nothing to pay for
            return job_fail(
                job_id=job.pk,
                status=JobStatus.FAILED,
                error_type=ErrorType.NO_ITEMS_FOUND,
                message="Studio found no items in the image.",
                lease=lease,
                only_if=only_if,
            )
        done = jobs.end(
            KIND,
            job.pk,
            JobStatus.COMPLETED,
            lease=lease,
            where=only_if,
            result=result,
            error=None,
            progress=1.0,
            poll_failures=0,
            finished_at=timezone.now(),
            next_poll_at=None,
        )
        if not done:
            delete_prefix(job_prefix(job.tenant_id, job.pk))
        return done
    message = state.error.get("message") or f"Studio reported {state.status.value}."
    if state.status is StudioStatus.CANCELLED:
        status, error_type = JobStatus.CANCELLED, ErrorType.CANCELLED
    elif state.status is StudioStatus.TIMED_OUT:
        status, error_type = JobStatus.FAILED, ErrorType.STUDIO_TIMEOUT
    else:
        status = JobStatus.FAILED
        error_type = (
            state.error.get("type") if state.error.get("type") in PASSTHROUGH_ERRORS else ErrorType.STUDIO_ERROR
        )
    return job_fail(job_id=job.pk, status=status, error_type=error_type, message=message, lease=lease, only_if=only_if)


# --- owed remote cancels (http backend) -------------------------------------------------------------------------

CANCEL_BUDGET_SECONDS = 60


def _owe_cancel(job: WorkflowJob, studio_job_id: str = "") -> RemoteCancel:
    """Record, with the job's end (same transaction), that its remote run must be cancelled: that run (`studio_job_id`)
    or the one its submits' key may have started. Due now; `_try_cancel` or the sweeper sends it."""
    return RemoteCancel.objects.create(
        job_id=job.pk,
        backend=job.studio_backend,
        studio_job_id=studio_job_id,
        idempotency_key="" if studio_job_id else _idempotency_key(job),
        next_try_at=timezone.now(),
    )


def _try_cancel(owed_id: int) -> str:
    """One try of an owed cancel; never raises. Settled ("cancelled", "no run", "already over", "unknown to Studio",
    "gave up: …") or rescheduled with backoff. A lookup that finds no run while the job's last submit may still be on
    its way (its worker's lease could still hold) is looked up again once that lease would have expired."""
    owed = RemoteCancel.objects.filter(pk=owed_id).exclude(next_try_at=None).first()
    if owed is None:
        return ""
    now = timezone.now()
    try:
        backend = get_backend(owed.backend)
        if owed.studio_job_id:
            backend.cancel(owed.studio_job_id)
            outcome = "cancelled"
        else:
            outcome = backend.cancel_submitted(owed.idempotency_key)
    except StudioError as exc:
        if exc.permanent and exc.status_code == 404:
            outcome = "unknown to Studio"
        else:
            return _cancel_failed(owed, str(exc) or exc.__class__.__name__)
    except Exception as exc:  # noqa: BLE001 - misconfigured, or a bug: counted like a failure, never raised
        log.exception("studio cancel crashed", extra={"job": owed.job_id})
        return _cancel_failed(owed, f"Internal error: {exc.__class__.__name__}")
    settles = outcome != "no run" or now >= owed.created_at + timedelta(seconds=settings.WORKFLOW_LEASE_SECONDS)
    later = None if settles else owed.created_at + timedelta(seconds=settings.WORKFLOW_LEASE_SECONDS)
    RemoteCancel.objects.filter(pk=owed.pk).update(next_try_at=later, outcome=outcome, attempts=F("attempts") + 1)
    return outcome


def _cancel_failed(owed: RemoteCancel, error: str) -> str:
    """A try that got no usable answer: again after 30 s, 60 s, … (at most an hour), until the attempts run out."""
    attempts = owed.attempts + 1
    if attempts >= int(studio_setting("STUDIO_CANCEL_MAX_ATTEMPTS")):
        log.error("studio cancel given up", extra={"job": owed.job_id, "attempts": attempts, "error": error})
        outcome, later = f"{GAVE_UP}{error}", None
    else:
        log.warning("studio cancel failed", extra={"job": owed.job_id, "attempts": attempts, "error": error})
        outcome, later = error, timezone.now() + timedelta(seconds=min(3600, 30 * 2 ** (attempts - 1)))
    RemoteCancel.objects.filter(pk=owed.pk).update(next_try_at=later, outcome=outcome[:300], attempts=attempts)
    return outcome


def remote_cancel_try_again(*, job_id: str, actor: str) -> int:
    """Staff: the cancels a job's remote run is owed that the sweeper gave up on are due again, with all their attempts
    (say, once Studio is back); the sweeper tries them on its next tick. Returns how many; Conflict when none."""
    note = f"tried again by {actor} after: "
    again = remote_cancels_given_up().filter(job_id=job_id)
    outcome = Left(Concat(Value(note), "outcome"), 300)
    count = again.update(next_try_at=timezone.now(), attempts=0, outcome=outcome)
    if not count:
        raise Conflict("This job has no remote cancel that was given up.")
    log.warning("studio cancel tried again", extra={"job": job_id, "actor": actor, "cancels": count})
    return count


def studio_cancel_due(*, limit: int = 100, budget_seconds: float = CANCEL_BUDGET_SECONDS) -> list[str]:
    """Try every owed remote cancel that is due (the jobs' ids). Safe to run twice at once: each is stamped with a
    conditional UPDATE before it is tried, and only one stamp wins; a run stops after `budget_seconds`."""
    started, now = time.monotonic(), timezone.now()
    due = list(
        RemoteCancel.objects.filter(next_try_at__lte=now)
        .order_by("next_try_at")
        .values_list("pk", "next_try_at", "job_id")[:limit]
    )
    tried = []
    for pk, due_at, job_id in due:
        if time.monotonic() - started > budget_seconds:
            break
        hold = now + timedelta(seconds=120)  # if this sweeper dies, another tries after that
        if RemoteCancel.objects.filter(pk=pk, next_try_at=due_at).update(next_try_at=hold):
            _try_cancel(pk)
            tried.append(job_id)
    return tried


# --- polling (http backend) --------------------------------------------------------------------

POLL_BUDGET_SECONDS = 60


def studio_poll_due(*, limit: int = 100, budget_seconds: float = POLL_BUDGET_SECONDS) -> list[str]:
    """Poll every remote job whose `next_poll_at` has come. Safe to run twice at once: each job is
    stamped with a conditional UPDATE before it is polled, and only one stamp wins. A Studio that hangs
    costs each poll its timeout, so a run stops taking jobs after `budget_seconds`; the rest stay due for
    the next run instead of holding a worker slot until the task's time limit."""
    started = time.monotonic()
    now = timezone.now()
    due = list(
        WorkflowJob.objects.filter(status=JobStatus.IN_PROGRESS, next_poll_at__lte=now)
        .exclude(studio_job_id="")
        .order_by("next_poll_at")
        .values_list("pk", flat=True)[:limit]
    )
    interval = int(studio_setting("STUDIO_POLL_INTERVAL"))
    polled = []
    for pk in due:
        if time.monotonic() - started > budget_seconds:
            break
        hold = now + timedelta(seconds=max(60, interval * 4))  # if this poller dies, another polls after that
        if WorkflowJob.objects.filter(pk=pk, status=JobStatus.IN_PROGRESS, next_poll_at__lte=now).update(
            next_poll_at=hold
        ):
            try:
                job_poll(job_id=pk)
            except Exception as exc:  # noqa: BLE001 - one job's answer must not stop the run nor be polled for ever
                log.exception("studio poll crashed", extra={"job": pk})
                _poll_crashed(pk, exc)
            polled.append(pk)
    return polled


def _poll_crashed(job_id: str, exc: Exception) -> None:
    """Recording an answer raised (what no check foresaw): a failed poll like any other, so that the job still ends
    (FAILED and refunded after STUDIO_MAX_POLL_FAILURES, or at its deadline) instead of being polled for ever.
    Never raises: counting it may hit the same fault (in the end's refund or callback), and the run goes on."""
    try:
        job = WorkflowJob.objects.filter(pk=job_id, status=JobStatus.IN_PROGRESS).exclude(studio_job_id="").first()
        if job is not None:
            error = StudioError(f"recording Studio's answer failed ({exc.__class__.__name__})")
            overdue = job.deadline_at is not None and timezone.now() >= job.deadline_at
            _poll_failed(job, error, overdue=overdue)
    except Exception:  # noqa: BLE001 - the job stays held until `hold`, then is polled again
        log.exception("studio poll failure not recorded", extra={"job": job_id})


def job_poll(*, job_id: str) -> str | None:
    """Ask Studio about one remote job and record the answer; enforce the job's deadline."""
    job = WorkflowJob.objects.filter(pk=job_id, status=JobStatus.IN_PROGRESS).exclude(studio_job_id="").first()
    if job is None:
        return _status(job_id)
    try:
        backend = get_backend(job.studio_backend)
    except StudioError as exc:  # misconfigured: try again at the next poll, the deadline still applies
        log.error("studio backend unavailable", extra={"job": job_id, "error": str(exc)})
        if job.deadline_at is not None and timezone.now() >= job.deadline_at:
            job_fail(
                job_id=job_id,
                status=JobStatus.FAILED,
                error_type=ErrorType.STUDIO_TIMEOUT,
                message=f"Studio unavailable until the deadline: {exc}",
                only_if={"studio_job_id": job.studio_job_id},
            )
        else:
            WorkflowJob.objects.filter(pk=job_id, status=JobStatus.IN_PROGRESS).update(
                next_poll_at=timezone.now() + timedelta(seconds=60)
            )
        return _status(job_id)
    now = timezone.now()
    interval = int(studio_setting("STUDIO_POLL_INTERVAL"))
    waiting = {"status": JobStatus.IN_PROGRESS, "studio_job_id": job.studio_job_id}
    overdue = job.deadline_at is not None and now >= job.deadline_at
    try:
        state = backend.status(job.studio_job_id)
    except StudioError as exc:
        _poll_failed(job, exc, overdue=overdue)
        return _status(job_id)
    if state.status.terminal:
        _record_terminal(job, state, backend, lease=None)
    elif overdue:
        _time_out(job)
    else:
        WorkflowJob.objects.filter(pk=job_id, **waiting).update(
            progress=state.progress, poll_failures=0, next_poll_at=now + timedelta(seconds=interval)
        )
    return _status(job_id)


def _poll_failed(job: WorkflowJob, exc: StudioError, *, overdue: bool) -> None:
    """A poll that got no usable answer: the job times out past its deadline, fails (refunded, Studio asked to cancel)
    when the error is permanent or the failures in a row reach STUDIO_MAX_POLL_FAILURES, else is polled again later."""
    failures = job.poll_failures + 1
    if overdue:
        _time_out(job)
    elif exc.permanent or failures >= int(studio_setting("STUDIO_MAX_POLL_FAILURES")):
        _fail_remote(job, ErrorType.STUDIO_ERROR, f"Studio status failed: {exc}")
    else:
        delay = min(300, int(studio_setting("STUDIO_POLL_INTERVAL")) * (2 ** min(failures, 6)))
        WorkflowJob.objects.filter(pk=job.pk, status=JobStatus.IN_PROGRESS, studio_job_id=job.studio_job_id).update(
            poll_failures=failures, next_poll_at=timezone.now() + timedelta(seconds=delay)
        )


def _time_out(job: WorkflowJob) -> None:
    seconds = int((job.deadline_at - (job.started_at or job.created_at)).total_seconds()) if job.deadline_at else 0
    _fail_remote(job, ErrorType.STUDIO_TIMEOUT, f"Studio did not finish within {seconds} seconds.")


def _fail_remote(job: WorkflowJob, error_type: str, message: str) -> None:
    """FAILED (refunded) while the job still waits for this Studio job; then Studio is asked to cancel it."""
    waiting = {"status": JobStatus.IN_PROGRESS, "studio_job_id": job.studio_job_id}
    with transaction.atomic():
        ended = job_fail(
            job_id=job.pk, status=JobStatus.FAILED, error_type=error_type, message=message, only_if=waiting
        )
        owed = _owe_cancel(job, job.studio_job_id) if ended else None
    if owed is not None:
        _try_cancel(owed.pk)


# --- cancel and retry --------------------------------------------------------------------------


def job_cancel(*, job_id: str, tenant_id: int | None = None, actor: str = "tenant") -> WorkflowJob:
    """CANCELLED + refund. `tenant_id` scopes the lookup (the API); staff pass None. A finished job → 409."""
    if not is_ulid(job_id):
        raise NotFound("Request not found.")
    jobs_qs = WorkflowJob.objects.filter(pk=job_id)
    if tenant_id is not None:
        jobs_qs = jobs_qs.filter(tenant_id=tenant_id)
    job = jobs_qs.first()
    if job is None:
        raise NotFound("Request not found.")
    message = "Cancelled by the client." if actor == "tenant" else f"Cancelled by staff ({actor})."
    with transaction.atomic():
        if not jobs.cancel(
            KIND, job.pk, error=_error(ErrorType.CANCELLED, message), finished_at=timezone.now(), next_poll_at=None
        ):
            job.refresh_from_db()
            raise Conflict(f"Request {job.pk} is already finished ({job.status}).")
        job.refresh_from_db()
        if job.studio_backend != "local" and (job.studio_job_id or job.attempts):
            # its run, or the one a submit of an earlier attempt (or of a worker still submitting) may have started:
            # cancelled by the sweeper, so that Studio's delays never reach this answer
            _owe_cancel(job, job.studio_job_id)
    return job


def job_retry_dead(*, job_id: str) -> WorkflowJob:
    """Staff: a DEAD_LETTER job runs again from scratch. Its charge was refunded when it died and is
    not taken again (one charge per request id): the retry is on the house."""
    if not jobs.revive(
        KIND,
        job_id,
        error=None,
        result=None,
        finished_at=None,
        studio_job_id="",
        next_poll_at=None,
        poll_failures=0,
        deadline_at=None,
        progress=None,
        staff_retries=F("staff_retries") + 1,
    ):
        raise Conflict("Only a DEAD_LETTER job can be retried.")
    return WorkflowJob.objects.get(pk=job_id)


# --- periodic ----------------------------------------------------------------------------------


def jobs_reap() -> dict:
    """Expired leases: back to NOT_STARTED, or DEAD_LETTER (`worker_lost`, refunded) when attempts ran out."""
    return jobs.reap(KIND)


def jobs_sweep() -> list:
    """NOT_STARTED jobs whose message may have been lost get a new one."""
    return jobs.sweep(KIND)


# --- uploads -----------------------------------------------------------------------------------


def _upload_key(tenant_id: int, content_type: str) -> str:
    from ulid import ULID

    return f"{tenant_prefix(tenant_id)}uploads/{ULID()}.{EXTENSIONS[content_type]}"


def upload_store(*, tenant_id: int, uploaded) -> dict:
    """Store a JPEG / PNG / WebP (verified by decoding it) under the tenant's namespace → {key, size, content_type}."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise PayloadTooLarge("The file is larger than 15 MB.")
    invalid = RequestInvalid(
        [FieldError(("file",), "value_error", "Value error, the file is not a readable JPEG, PNG or WebP image")]
    )
    data = uploaded.read()
    try:
        with open_image(data) as image:
            content_type = IMAGE_FORMATS.get(image.format or "")
            if content_type is None:
                raise invalid
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # a full decode: truncated or corrupt data fails here
    except ImageTooCostly as exc:
        raise RequestInvalid([FieldError(("file",), "value_error", f"Value error, {exc}")]) from None
    except RequestInvalid:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on bad data
        raise invalid from None
    uploaded.seek(0)
    key = default_storage.save(_upload_key(tenant_id, content_type), uploaded)
    return {"key": key, "size": uploaded.size, "content_type": content_type}


def upload_presign(*, tenant_id: int, content_type: str, expires_in: int = 900) -> dict:
    """S3 only: a presigned POST so a large file goes straight to the bucket (size and type enforced by
    the policy; the image itself is checked when a dispatch names the key)."""
    if not is_s3():
        raise NotFound("Presigned uploads need S3 storage; use POST /v1/uploads.")
    key = _upload_key(tenant_id, content_type)
    storage = default_storage
    client = storage.connection.meta.client
    post = client.generate_presigned_post(
        Bucket=storage.bucket_name,
        Key=storage._normalize_name(key),
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, MAX_UPLOAD_BYTES]],
        ExpiresIn=expires_in,
    )
    return {
        "key": key,
        "url": post["url"],
        "fields": post["fields"],
        "expires_in": expires_in,
        "max_bytes": MAX_UPLOAD_BYTES,
    }
