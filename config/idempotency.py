"""`Idempotency-Key` on every POST of both APIs: the first answer (status, body, a few headers) is replayed; the same
key with another body is 422 `idempotency_key_reused`; while the first still runs, 409 `idempotency_in_progress`; an
answer with a 5xx status — or none at all, the view having failed in a way it could not answer — releases the key at
once, so the client's retry runs.

One store per tenant for both APIs (a key names one request whichever API it went to): the functions here, the view
mixin both APIs use, and the OpenAPI parameter both document. Its rows are `extractor.models.IdempotencyKey` (the table
was the extractor's before workflows had keys; moving a model between apps is a migration of its own, see README)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import orjson
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.renderers import JSONRenderer

from config.errors import IdempotencyInProgress, IdempotencyKeyReused, InvalidIdempotencyKey
from extractor.models import IdempotencyKey

# The parameter as both APIs document it.
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    pattern=r"^[!-~]{1,255}$",
    description="1 to 255 printable ASCII characters (no spaces). A retry with the same key and body gets the first "
    "answer again (`Idempotent-Replayed: true`) and is never run twice; another body with the same key is "
    "422 `idempotency_key_reused`; while the first is still running, 409 `idempotency_in_progress`. "
    "Keys are remembered for 24 hours; an answer with a 5xx status is not remembered.",
)
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
    """Remember the answer. The body is kept as the JSON text it was sent as (a JSON string in the column): stored as
    an object, PostgreSQL's jsonb would give its keys back in its own order, and a replay must be the same bytes."""
    if status >= 500:  # a server failure is not an answer: let the client retry with the same key
        release(tenant_id=tenant_id, key=key)
        return
    IdempotencyKey.objects.filter(tenant_id=tenant_id, key=key).update(
        completed=True,
        response_status=status,
        response_body=JSONRenderer().render(body).decode(),  # NUL is escaped in the text: the column can hold it
        response_headers={name: value for name, value in (headers or {}).items() if name in REPLAYED_HEADERS},
    )


def purge_expired() -> int:
    cutoff = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def replay(record: IdempotencyKey) -> HttpResponse:
    """The remembered answer, byte for byte (rows written before the body was kept as text: re-rendered)."""
    body = record.response_body
    content = body.encode() if isinstance(body, str) else JSONRenderer().render(body)
    response = HttpResponse(content, status=record.response_status, content_type="application/json")
    for name, value in record.response_headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotentPostMixin:
    """Views implement `handle_post(request, *args, **kwargs)`; `post` wraps it."""

    def post(self, request, *args, **kwargs):
        return self.idempotent(request, *args, **kwargs)

    def worth_replaying(self, response) -> bool:
        """Whether the answer is remembered for the key (a 5xx is not: `complete` releases the key)."""
        return True

    def idempotent(self, request, *args, **kwargs):
        key = read_key(request)
        if key is None:
            return self.handle_post(request, *args, **kwargs)
        tenant_id = request.auth.tenant_id
        fingerprint = request_fingerprint(request.method, request.path, request.body)
        record = begin(tenant_id=tenant_id, key=key, fingerprint=fingerprint)
        if record is not None:
            return replay(record)
        remembered = False
        try:
            try:
                response = self.handle_post(request, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - rendered in the dialect, then remembered
                response = self.handle_exception(exc)
            if self.worth_replaying(response):
                headers = {name: response[name] for name in REPLAYED_HEADERS if response.has_header(name)}
                complete(tenant_id=tenant_id, key=key, status=response.status_code, body=response.data, headers=headers)
                remembered = True
        finally:
            if not remembered:  # no answer could be stored: never leave the key locked behind us
                release(tenant_id=tenant_id, key=key)
        return response
