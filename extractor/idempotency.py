"""`Idempotency-Key` on every POST of the extractor API: first request runs, replays get its answer."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import orjson
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from config.errors import IdempotencyInProgress, IdempotencyKeyReused, InvalidIdempotencyKey
from extractor.models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"


def read_key(request) -> str | None:
    raw = request.META.get(HEADER)
    if raw is None:
        return None
    if not 1 <= len(raw) <= 255 or not all(0x20 < ord(ch) < 0x7F for ch in raw):
        raise InvalidIdempotencyKey()
    return raw


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    try:  # the same JSON written differently is the same request
        body = orjson.dumps(orjson.loads(body), option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError):  # not JSON we accept: the bytes themselves
        pass
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def begin(*, tenant_id: int, key: str, fingerprint: str) -> IdempotencyKey | None:
    """Reserve the key. Returns the stored completed record to replay, None when this request should run.
    Raises 422 when the key was used for another body, 409 while the first request is still running."""
    cutoff = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)
    IdempotencyKey.objects.filter(tenant_id=tenant_id, key=key, created_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(tenant_id=tenant_id, key=key, request_hash=fingerprint)
        return None
    except IntegrityError:
        pass
    record = IdempotencyKey.objects.filter(tenant_id=tenant_id, key=key).first()
    if record is None:  # purged in between: run it
        return begin(tenant_id=tenant_id, key=key, fingerprint=fingerprint)
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused()
    if not record.completed and _take_over_abandoned(record):
        return None
    if not record.completed:
        raise IdempotencyInProgress()
    return record


def _take_over_abandoned(record: IdempotencyKey) -> bool:
    """A reservation older than any request can run was left by a process that died mid-request (it never
    answered, so the client is right to retry). One retry wins it by moving its timestamp conditionally."""
    now = timezone.now()
    if record.created_at > now - timedelta(seconds=settings.IDEMPOTENCY_STALE_SECONDS):
        return False
    return bool(
        IdempotencyKey.objects.filter(pk=record.pk, completed=False, created_at=record.created_at).update(
            created_at=now
        )
    )


# Headers that are part of the answer (not of this particular delivery of it), replayed with the body.
REPLAYED_HEADERS = ("Deprecation", "Sunset", "Link", "Location")


def release(*, tenant_id: int, key: str) -> None:
    """Forget a reservation whose request gave no answer worth replaying (5xx, or none): the retry runs."""
    try:
        IdempotencyKey.objects.filter(tenant_id=tenant_id, key=key, completed=False).delete()
    except Exception:  # noqa: BLE001 - the database itself failed: the stale-reservation takeover frees it later
        pass


def complete(*, tenant_id: int, key: str, status: int, body, headers: dict[str, str] | None = None) -> None:
    if status >= 500:  # a server failure is not an answer: let the client retry with the same key
        release(tenant_id=tenant_id, key=key)
        return
    # JSON columns cannot hold NUL characters (an echoed unknown field name may carry one).
    body = _without_nul(body)
    IdempotencyKey.objects.filter(tenant_id=tenant_id, key=key).update(
        completed=True,
        response_status=status,
        response_body=body,
        response_headers={name: value for name, value in (headers or {}).items() if name in REPLAYED_HEADERS},
    )


def purge_expired() -> int:
    cutoff = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value
