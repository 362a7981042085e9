"""Every state change of extractions: submit (cache lookup or insert), run, cancel, recycle, expiry."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

import jobs
from billing.models import Plan, Service, Tenant
from config import db_rows
from config.errors import (
    Conflict,
    ErrorDetail,
    NotFound,
    ServiceDisabledOnPlan,
    UnsafeUrlError,
    ValidationFailed,
)
from config.http_guard import Unresolvable, UnsafeUrl, check_url
from config.request_id import is_ulid
from config.timing import external
from extractor import cache, webhooks
from extractor.models import (
    IN_FLIGHT,
    TERMINAL,
    Domain,
    ErrorClass,
    Extraction,
    Status,
    WebhookEvent,
)
from extractor.pipeline import PipelineError, extract
from extractor.pipeline.formats import text_for_llm
from extractor.sanitize import SanitizeError, sanitize_content
from extractor.stash import stash_delete, stash_read, stash_write

log = logging.getLogger(__name__)


def _reaped_fields() -> dict:
    return {
        "error_class": ErrorClass.UNKNOWN,
        "error_message": "The worker was lost (lease expired) too many times.",
        "finished_at": timezone.now(),
    }


# The webhook event each terminal status sends (a cancelled job sends none).
END_EVENTS = {Status.DONE: WebhookEvent.DONE, Status.FAILED: WebhookEvent.FAILED, Status.DEAD: WebhookEvent.DEAD}


def _on_end(extraction: Extraction, status: str) -> None:
    """Every terminal transition of an extraction, in its transaction: the subscribed endpoints' webhook events.

    The engine hands over the row without its result (`on_end_defer`): most jobs have no subscriber, and reading
    back the result just written would cost a large JSON decode per job; an event's payload loads it here."""
    event = END_EVENTS.get(status)
    if event is None or not any(event in events for _, events in webhooks.subscriptions(extraction)):
        return
    deferred = extraction.get_deferred_fields()
    if deferred:
        extraction.refresh_from_db(fields=sorted(deferred))
    webhooks.deliveries_create(extraction=extraction, event=event)


KIND = jobs.JobKind(
    model=Extraction,
    queued=Status.QUEUED,
    claimed=Status.CLAIMED,
    dead=Status.DEAD,
    terminal=TERMINAL,
    cancelled=Status.CANCELLED,
    task_name="extractor.run_extraction",
    queue="extract",
    lease_seconds=settings.EXTRACTION_LEASE_SECONDS,
    dead_fields=_reaped_fields,
    on_end=_on_end,
    on_end_defer=("data", "metadata"),
    requeue_fields=lambda: {"error_message": "The worker was lost; the job was queued again."},
)


# --- submit ------------------------------------------------------------------------------------


@dataclass
class Submission:
    extraction: Extraction
    cache_hit: bool

    @property
    def code(self) -> str:
        return "cache_hit" if self.cache_hit else "queued"

    @property
    def http_status(self) -> int:
        return 200 if self.cache_hit else 202


def allowed_llm_models(plan) -> list[str]:
    """The plan's models; a plan that names none allows the deployment's default model."""
    return list(plan.llm_models or []) or [getattr(settings, "LLM_DEFAULT_MODEL", "") or ""]


def default_llm_model(plan) -> str | None:
    """LLM_DEFAULT_MODEL when the plan allows it, else the plan's first model (never one the plan does not allow)."""
    allowed = [m for m in allowed_llm_models(plan) if m]
    default = getattr(settings, "LLM_DEFAULT_MODEL", "") or ""
    return default if default in allowed else (allowed[0] if allowed else None)


def check_plan_allows(*, tenant: Tenant, body: dict) -> None:
    """`useLlm` needs the `llm` service; `llmModel` must be allowed by the plan."""
    options = body.get("options") or {}
    plan = tenant.plan
    if options.get("useLlm") and not plan.has_service(Service.LLM):
        raise ServiceDisabledOnPlan(service=Service.LLM, plan=plan.name)
    model = options.get("llmModel")
    if model:
        allowed = allowed_llm_models(plan)
        if model not in allowed:
            raise ValidationFailed(
                "The request is not valid.",
                details=[
                    ErrorDetail(
                        "options.llmModel",
                        "model_not_allowed",
                        f"Model '{model}' is not allowed on this plan; allowed: {', '.join(m for m in allowed if m) or 'none'}.",
                    )
                ],
            )


def resolve_deadline() -> float:
    """The `time.monotonic()` instant by which a submission's URL checks stop waiting for host name lookups
    (`SUBMIT_RESOLVE_SECONDS` from now): one deadline for every URL of a create or of a whole bulk."""
    return time.monotonic() + settings.SUBMIT_RESOLVE_SECONDS


def check_urls_safe(body: dict, resolve_by: float | None = None) -> None:
    """`url` and `webhookUrl` refused when they point to an unsafe address. A host not resolved by `resolve_by` (a
    name server that never answers: seconds per lookup, 200 lookups in a bulk) cannot be shown unsafe now and is
    accepted, as an unresolvable one is."""
    resolve_by = resolve_deadline() if resolve_by is None else resolve_by
    details = []
    for field in ("url", "webhookUrl"):
        if body.get(field):
            try:
                with external():
                    check_url(body[field], resolve_by=resolve_by)
            except Unresolvable:
                # Cannot be shown unsafe now: `url` is never fetched, and a webhook is checked again
                # at every delivery (DNS can change either way).
                continue
            except UnsafeUrl as exc:
                details.append(ErrorDetail(field, "unsafe_url", exc.reason))
    if details:
        raise UnsafeUrlError(
            details[0].message if len(details) == 1 else "URLs point to addresses this service will not call.",
            details=details,
        )


def domain_host(body: dict) -> str | None:
    if body.get("domain"):
        return body["domain"].strip().lower().rstrip(".") or None
    if body.get("url"):
        return (urlsplit(body["url"]).hostname or "").lower() or None
    return None


def _sanitize(fmt: str, content):
    try:
        return sanitize_content(format=fmt, content=content)
    except SanitizeError as exc:
        raise ValidationFailed(
            "The content could not be sanitised.", details=[ErrorDetail("content", "sanitize_fail", str(exc))]
        ) from None


def _serve_hit(*, tenant_id: int, key: str) -> Extraction | None:
    """Find a live cached result and count the hit, in one statement."""
    table = Extraction._meta.db_table
    sql = (
        f"UPDATE {table} SET cache_hits = cache_hits + 1 WHERE id = ("
        f"SELECT id FROM {table} WHERE tenant_id = %s AND cache_key = %s AND status = 'done' AND expires_at > %s "
        f"ORDER BY finished_at DESC LIMIT 1) RETURNING {db_rows.columns(Extraction)}"
    )
    rows = db_rows.fetch_instances(Extraction, sql, [tenant_id, key, timezone.now()])
    return rows[0] if rows else None


def _content_digest(fmt: str, content, raw: str, memo: cache.DigestMemo | None):
    """(sanitised-content digest, the sanitised content or None when the memo knew the digest)."""
    digest = memo.get(raw) if memo is not None else cache.remembered_content_digest(raw)
    if digest is not None:
        return digest, None
    sanitized = _sanitize(fmt, content)
    digest = cache.content_digest(format=fmt, sanitized=sanitized)
    if memo is not None:
        memo.put(raw, digest)
    else:
        cache.remember_content_digest(raw, digest)
    return digest, sanitized


def _keyed(
    *, tenant: Tenant, body: dict, memo: cache.DigestMemo | None, raw: str | None, resolve_by: float | None = None
) -> tuple:
    """The checks and the cache key of a validated body: (key, domain host, the sanitised content or None when the
    memo knew its digest)."""
    check_plan_allows(tenant=tenant, body=body)
    check_urls_safe(body, resolve_by)
    fmt, content, options = body["format"], body["content"], body.get("options") or {}
    host = domain_host(body)
    raw = raw or cache.raw_digest(format=fmt, content=content)
    digest, sanitized = _content_digest(fmt, content, raw, memo)
    key = cache.cache_key(
        content_digest=digest, type=body["type"], format=fmt, domain=host, url=body.get("url"), options=options
    )
    return key, host, sanitized


def _existing(*, tenant: Tenant, body: dict, key: str) -> Submission | None:
    """A live cached result (200) or the identical job in flight (202), if there is one."""
    if not body.get("forceRefresh"):
        hit = _serve_hit(tenant_id=tenant.pk, key=key)
        if hit is not None:
            return Submission(hit, cache_hit=True)
    inflight = _join_inflight(tenant=tenant, key=key, body=body)
    if inflight is not None:
        return Submission(inflight, cache_hit=False)
    if body.get("webhookUrl") and not body.get("forceRefresh"):
        # the identical job may have finished while we waited for its row lock: serve its result
        hit = _serve_hit(tenant_id=tenant.pk, key=key)
        if hit is not None:
            return Submission(hit, cache_hit=True)
    return None


def extraction_submit(
    *, tenant: Tenant, body: dict, request_id: str = "", memo: cache.DigestMemo | None = None, raw: str | None = None
) -> Submission:
    """Validated body → a cache hit (200), the identical in-flight job (202), or a new job (202)."""
    key, host, sanitized = _keyed(tenant=tenant, body=body, memo=memo, raw=raw)
    return _submit_keyed(tenant=tenant, body=body, key=key, host=host, sanitized=sanitized, request_id=request_id)


def _submit_keyed(*, tenant: Tenant, body: dict, key: str, host, sanitized, request_id: str) -> Submission:
    # Two rounds: losing the insert race to an identical submission sends us round again to serve its result.
    for _ in range(2):
        found = _existing(tenant=tenant, body=body, key=key)
        if found is not None:
            return found
        if sanitized is None:
            sanitized = _sanitize(body["format"], body["content"])
        created = _create(tenant=tenant, body=body, key=key, host=host, sanitized=sanitized, request_id=request_id)
        if created is not None:
            return Submission(created, cache_hit=False)
    raise Conflict("An identical extraction is being submitted at this moment; retry.")


def extractions_submit(
    *, tenant: Tenant, items: list[tuple[dict, str]], request_id: str = "", memo: cache.DigestMemo | None = None
) -> list[Submission | Exception]:
    """Many validated bodies (with their raw digests), each answered as `extraction_submit` answers it, or with the
    error it raised. The new jobs are written by one multi-row INSERT and their messages sent in one round trip:
    per request, not per item. An item identical to a new job still waiting to be written writes the waiting ones
    first and then joins its job, as it would have one by one."""
    results: list = [None] * len(items)
    batch = _NewJobs(tenant=tenant, request_id=request_id, results=results)
    resolve_by = resolve_deadline()  # one budget of host name lookups for the whole bulk
    for index, (body, raw) in enumerate(items):
        try:
            key, host, sanitized = _keyed(tenant=tenant, body=body, memo=memo, raw=raw, resolve_by=resolve_by)
            if key in batch.keys:
                batch.write()
            found = _existing(tenant=tenant, body=body, key=key)
            if found is not None:
                results[index] = found
                continue
            if sanitized is None:
                sanitized = _sanitize(body["format"], body["content"])
            batch.add(index, body=body, key=key, host=host, sanitized=sanitized)
        except Exception as exc:  # noqa: BLE001 - each item reports its own error
            results[index] = exc
    batch.write()
    return results


class _NewJobs:
    """The new jobs of a bulk request waiting to be written: one INSERT for all (`ON CONFLICT DO NOTHING`), then one
    round trip of messages. A row the INSERT left out lost the race to an identical submission: its item goes round
    again, as `extraction_submit` does, to serve or join that job."""

    def __init__(self, *, tenant: Tenant, request_id: str, results: list):
        self.tenant, self.request_id, self.results = tenant, request_id, results
        self.waiting: list[tuple[int, Extraction, dict, str | None, object]] = []
        self.keys: set[str] = set()
        self._domains: dict[str, Domain] = {}

    def add(self, index: int, *, body: dict, key: str, host: str | None, sanitized) -> None:
        extraction = _new_extraction(
            tenant=self.tenant,
            body=body,
            key=key,
            host=host,
            sanitized=sanitized,
            request_id=self.request_id,
            domains=self._domains,
        )
        self.waiting.append((index, extraction, body, host, sanitized))
        self.keys.add(key)

    def write(self) -> None:
        waiting, self.waiting, self.keys = self.waiting, [], set()
        if not waiting:
            return
        rows = [extraction for _, extraction, *_ in waiting]
        now = timezone.now()
        for extraction in rows:
            extraction.available_at = extraction.enqueued_at = now  # stamped with the insert, as one by one
        try:
            inserted = db_rows.insert_new(rows)
        except Exception as exc:  # noqa: BLE001 - the statement failed for every row: each item reports it
            for index, extraction, *_ in waiting:
                stash_delete(extraction.input_key)
                self.results[index] = exc
            return
        if inserted is None:  # a database that cannot say which rows went in: one by one
            inserted = {extraction.pk for extraction in rows if _insert(extraction)}
        jobs.enqueue_many_on_commit(KIND, [e.pk for e in rows if e.pk in inserted], stamped=now)
        for index, extraction, body, host, sanitized in waiting:
            if extraction.pk in inserted:
                self.results[index] = Submission(extraction, cache_hit=False)
                continue
            stash_delete(extraction.input_key)
            try:
                self.results[index] = _submit_keyed(
                    tenant=self.tenant,
                    body=body,
                    key=extraction.cache_key,
                    host=host,
                    sanitized=sanitized,
                    request_id=self.request_id,
                )
            except Exception as exc:  # noqa: BLE001 - each item reports its own error
                self.results[index] = exc


def _join_inflight(*, tenant: Tenant, key: str, body: dict) -> Extraction | None:
    """The identical job still queued or claimed, with this caller's webhook subscribed to it.

    The row lock orders the subscription against the job's finishing transaction: either the job is still in flight
    and its terminal event will see the subscription, or it has finished and the caller is served like anyone else.
    """
    url = body.get("webhookUrl")
    if not url:  # one plain statement (the unique constraint allows one such row)
        table = Extraction._meta.db_table
        rows = db_rows.fetch_instances(
            Extraction,
            f"SELECT {db_rows.columns(Extraction)} FROM {table} WHERE tenant_id = %s AND cache_key = %s "
            "AND status IN (%s, %s) LIMIT 1",
            [tenant.pk, key, *IN_FLIGHT],
        )
        return rows[0] if rows else None
    in_flight = Extraction.objects.filter(tenant=tenant, cache_key=key, status__in=IN_FLIGHT)
    subscription = {"url": url, "events": body.get("webhookEventTypes") or []}
    with transaction.atomic():
        job = in_flight.select_for_update().first()
        if job is None:
            return None
        own = job.webhook_url == url and set(job.webhook_event_types or []) >= set(subscription["events"])
        if not own and subscription not in job.extra_webhooks:
            job.extra_webhooks = [*job.extra_webhooks, subscription]
            job.save(update_fields=["extra_webhooks"])
    return job


def _new_extraction(
    *, tenant: Tenant, body: dict, key: str, host: str | None, sanitized, request_id: str, domains: dict | None = None
) -> Extraction:
    """A new job's row, not yet written, with its domain (from `domains`, a request's memo, when given) and its input
    stashed."""
    now = timezone.now()
    extraction = Extraction(
        available_at=now,
        enqueued_at=now,  # the message is sent on commit: stamped with the insert (a failed send clears it)
        tenant=tenant,
        type=body["type"],
        input_format=body["format"],
        url=body.get("url"),
        options=body.get("options") or {},
        cache_key=key,
        webhook_url=body.get("webhookUrl"),
        webhook_event_types=body.get("webhookEventTypes") or [],
        request_id=request_id,
        max_attempts=tenant.plan.max_attempts,
    )
    if host:
        domains = {} if domains is None else domains
        if host not in domains:
            domains[host], _ = Domain.objects.get_or_create(tenant=tenant, host=host[:253])
        extraction.domain = domains[host]
    extraction.input_key = stash_write(
        tenant_id=tenant.pk, extraction_id=extraction.pk, fmt=body["format"], sanitized=sanitized
    )
    return extraction


def _insert(extraction: Extraction) -> bool:
    """One row's INSERT; False when an identical job in flight was inserted first (the unique constraint)."""
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():  # a savepoint: losing the insert race must not break the caller's transaction
                extraction.save(force_insert=True)
        else:
            extraction.save(force_insert=True)  # one INSERT is atomic on its own: no BEGIN / COMMIT round trips
    except IntegrityError:
        return False
    return True


def _create(*, tenant: Tenant, body: dict, key: str, host: str | None, sanitized, request_id: str) -> Extraction | None:
    """A new queued job, or None when an identical submission inserted its job first."""
    extraction = _new_extraction(
        tenant=tenant, body=body, key=key, host=host, sanitized=sanitized, request_id=request_id
    )
    if not _insert(extraction):
        stash_delete(extraction.input_key)
        return None
    jobs.enqueue_on_commit(KIND, extraction.pk, stamped=extraction.enqueued_at)  # sent once the row is committed
    return extraction


# --- the worker ----------------------------------------------------------------------------------


class _JobError(Exception):
    def __init__(self, error_class: str, message: str):
        super().__init__(f"{error_class}: {message}")
        self.error_class, self.message = error_class, message


class _Retryable(_JobError):
    """Retried with backoff, then `dead`."""


class _Final(_JobError):
    """No retry can fix it: the job ends `failed`."""


def _ttl_seconds(extraction: Extraction) -> int:
    """The domain's override, else the plan's TTL: one statement."""
    domain, tenant, plan = (m._meta.db_table for m in (Domain, Tenant, Plan))
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE((SELECT cache_ttl_seconds FROM {domain} WHERE id = %s), {plan}.cache_ttl_seconds) "
            f"FROM {tenant} JOIN {plan} ON {plan}.id = {tenant}.plan_id WHERE {tenant}.id = %s",
            [extraction.domain_id, extraction.tenant_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise Tenant.DoesNotExist(f"tenant {extraction.tenant_id}")
    return row[0]


def _compute(extraction: Extraction):
    """Stash → pipeline → optional LLM pass. Raises PipelineError, LlmError or _Retryable."""
    try:
        content = stash_read(extraction.input_key)
    except FileNotFoundError:
        raise _Final(ErrorClass.INPUT_STASH_LOST, "The stashed input is gone.") from None
    except Exception as exc:  # noqa: BLE001 - storage may come back
        raise _Retryable(ErrorClass.INPUT_STASH_LOST, f"The stashed input could not be read: {exc}") from None
    result = extract(type=extraction.type, format=extraction.input_format, content=content, url=extraction.url)
    data, metadata = result.data, result.metadata
    options = extraction.options or {}
    if options.get("useLlm"):
        from extractor.pipeline.llm import refine

        data, llm_meta = refine(
            type=extraction.type,
            data=data,
            content=text_for_llm(extraction.input_format, content),
            mode=options.get("llmMode") or "fill-missing",
            model=options.get("llmModel") or default_llm_model(extraction.tenant.plan),
            prompt_override=options.get("llmPromptOverride"),
        )
        metadata = {**metadata, "llm": llm_meta}
        sources = dict(metadata.get("sources") or {})
        for name in set(llm_meta.get("changedFields", [])) | set(llm_meta.get("filledFields", [])):
            sources[name] = "llm"
        metadata["sources"] = sources
        metadata.setdefault("timings", {})["llmMs"] = llm_meta.get("llmMs")
    return data, metadata


def extraction_run(extraction_id: str) -> str | None:
    """Claim, compute, record. A second delivery of the same message finds nothing to claim."""
    from extractor.pipeline.llm import LlmError

    lease = jobs.claim(KIND, extraction_id, claimed_at=timezone.now())
    if lease is None:
        return None
    extraction = lease.job  # the claimed row (its tenant and plan are read only when needed)
    try:
        with jobs.keep_alive(KIND, lease):
            data, metadata = _compute(extraction)
    except (PipelineError, _Final) as exc:
        return _fail(lease, exc.error_class, exc.message)
    except LlmError as exc:
        if exc.retryable:
            return _retry(lease, exc.error_class, exc.message)
        return _fail(lease, exc.error_class, exc.message)
    except _Retryable as exc:
        return _retry(lease, exc.error_class, exc.message)
    except Exception as exc:  # noqa: BLE001 - an unknown error is retried, then dead
        log.exception("extraction crashed", extra={"extraction": extraction_id})
        return _retry(lease, ErrorClass.UNKNOWN, f"{type(exc).__name__}: {exc}"[:2000])
    now = timezone.now()
    if not jobs.finish(
        KIND,
        lease,
        Status.DONE,
        data=data,
        metadata=metadata,
        error_class=None,
        error_message=None,
        finished_at=now,
        expires_at=now + timedelta(seconds=_ttl_seconds(extraction)),
    ):
        return None  # cancelled or reaped meanwhile: the late result is dropped
    return Status.DONE


def _fail(lease: jobs.Lease, error_class: str, message: str) -> str | None:
    ok = jobs.finish(
        KIND, lease, Status.FAILED, error_class=error_class, error_message=message[:2000], finished_at=timezone.now()
    )
    return Status.FAILED if ok else None


def _retry(lease: jobs.Lease, error_class: str, message: str) -> str | None:
    fields = {"error_class": error_class, "error_message": message[:2000]}
    with transaction.atomic():
        return jobs.retry_later(KIND, lease, dead={**fields, "finished_at": timezone.now()}, **fields)


# --- staff and tenant actions ------------------------------------------------------------------------


def extraction_get(*, extraction_id: str, tenant_id: int | None = None) -> Extraction:
    if not is_ulid(extraction_id):
        raise NotFound("Extraction not found.")
    qs = Extraction.objects.all()
    if tenant_id is not None:
        qs = qs.filter(tenant_id=tenant_id)
    extraction = qs.filter(pk=extraction_id).first()
    if extraction is None:
        raise NotFound("Extraction not found.")
    return extraction


def extraction_cancel(*, extraction_id: str, tenant_id: int | None = None, by_staff: bool = False) -> Extraction:
    """queued/claimed → cancelled. Wins over a worker finishing late (its lease no longer matches)."""
    extraction = extraction_get(extraction_id=extraction_id, tenant_id=tenant_id)
    fields = {
        "finished_at": timezone.now(),
        "error_class": ErrorClass.CANCELLED_BY_ADMIN if by_staff else None,
        "error_message": "Cancelled by staff." if by_staff else "Cancelled by the client.",
    }
    if not jobs.cancel(KIND, extraction.pk, **fields):
        raise Conflict(f"The extraction is already {Extraction.objects.get(pk=extraction.pk).status}.")
    extraction.refresh_from_db()
    stash_delete(extraction.input_key)
    return extraction


def extraction_recycle(*, extraction_id: str) -> Extraction:
    """Staff: dead → queued, recycleCount + 1, attempts reset."""
    extraction = extraction_get(extraction_id=extraction_id)
    try:
        revived = jobs.revive(
            KIND,
            extraction.pk,
            recycle_count=F("recycle_count") + 1,
            error_class=None,
            error_message=None,
            finished_at=None,
        )
    except IntegrityError:
        raise Conflict("An identical extraction is already queued.") from None
    if not revived:
        raise Conflict("Only dead extractions can be recycled.")
    extraction.refresh_from_db()
    return extraction


# --- periodic jobs (safe to run twice at once) -------------------------------------------------------------


def extractions_reap() -> dict:
    return jobs.reap(KIND)


def extractions_sweep() -> list:
    return jobs.sweep(KIND)


def cache_expire(*, retention_days: int | None = None, limit: int = 1000) -> dict:
    """Expired results stop serving hits (the lookup checks `expires_at`); their stashes are deleted and
    rows older than the retention are purged."""
    now = timezone.now()
    expired = list(
        Extraction.objects.filter(expires_at__lte=now).exclude(input_key="").values_list("pk", "input_key")[:limit]
    )
    for pk, key in expired:
        if Extraction.objects.filter(pk=pk, input_key=key).update(input_key=""):
            stash_delete(key)
    finished = list(
        Extraction.objects.filter(
            status__in=[Status.FAILED, Status.CANCELLED], finished_at__lte=now - timedelta(days=1)
        )
        .exclude(input_key="")
        .values_list("pk", "input_key")[:limit]
    )
    for pk, key in finished:
        if Extraction.objects.filter(pk=pk, input_key=key).update(input_key=""):
            stash_delete(key)
    retention = retention_days if retention_days is not None else settings.EXTRACTION_RETENTION_DAYS
    purged, _ = (
        Extraction.objects.filter(status__in=TERMINAL, finished_at__lt=now - timedelta(days=retention))
        .exclude(status=Status.DEAD)
        .delete()
    )
    return {"stashes_deleted": len(expired) + len(finished), "purged": purged}
