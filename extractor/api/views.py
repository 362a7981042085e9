"""Thin views of the extractor API: parse, call a service, serialize."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from email.utils import format_datetime

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from config.api import flatten_drf_errors
from config.errors import (
    ErrorDetail,
    InvalidBulkBody,
    InvalidFilter,
    InvalidSortField,
    RateLimited,
    RequestInvalid,
)
from config.idempotency import IDEMPOTENCY_HEADER, IdempotentPostMixin
from config.limits import ascii_int
from config.request_id import is_ulid
from config.timing import measure
from extractor import cache, services
from extractor.api import schema
from extractor.api.base import ExtractorView, success
from extractor.api.serializers import CreateExtractionSerializer
from extractor.models import Extraction, ExtractionType, Status
from extractor.representation import extraction_json, iso

MAX_BULK_ITEMS = 100


class TimedView(ExtractorView):
    def dispatch(self, request, *args, **kwargs):
        with measure(started=getattr(request, "started_at", None)) as timing:
            request.timing = timing
            return super().dispatch(request, *args, **kwargs)


# --- create ----------------------------------------------------------------------------------


def _used_features(body: dict) -> list[str]:
    used = []
    for feature in settings.DEPRECATED_FEATURES:
        path, _, expected = feature.partition("=")
        value = body
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and (not expected or str(value).lower() == expected.lower()):
            used.append(feature)
    return used


def deprecation_for(body: dict) -> tuple[dict | None, dict[str, str]]:
    """The `deprecation` object and `Deprecation`/`Sunset` headers (RFC 9745 / 8594) for a body."""
    used = _used_features(body)
    if not used:
        return None, {}
    feature = settings.DEPRECATED_FEATURES[used[0]]
    sunset = parse_datetime(feature["sunset"])
    since = parse_datetime(feature["since"]) if feature.get("since") else None
    info = {
        "sunset": iso(sunset),
        "successor": feature.get("successor"),
        "note": feature.get("note") or f"'{used[0]}' is deprecated.",
    }
    # RFC 9745: the date the feature was deprecated (`since`; now when not configured).
    headers = {
        "Deprecation": f"@{int((since or timezone.now()).timestamp())}",
        "Sunset": format_datetime(sunset, usegmt=True),
    }
    return {k: v for k, v in info.items() if v is not None}, headers


def validate_create(payload) -> dict:
    serializer = CreateExtractionSerializer(data=payload)
    if not serializer.is_valid():
        raise RequestInvalid(flatten_drf_errors(serializer.errors))
    return serializer.validated_data


def cache_json(submission: services.Submission) -> dict:
    extraction = submission.extraction
    out = {"hit": submission.cache_hit, "key": extraction.cache_key}
    if submission.cache_hit:
        out["ageSeconds"] = int((timezone.now() - extraction.finished_at).total_seconds())
        out["expiresAt"] = iso(extraction.expires_at)
    return out


def prepare_create(request, payload) -> dict:
    """The checks that need only the payload, in the single endpoint's order: `useLlm` on the plan, then validation."""
    if (
        isinstance(payload, dict)
        and isinstance(payload.get("options"), dict)
        and payload["options"].get("useLlm") is True
    ):
        services.check_plan_allows(tenant=request.auth.tenant, body={"options": {"useLlm": True}})
    return validate_create(payload)


def submit_one(request, payload) -> tuple[int, dict, dict[str, str]]:
    """One create, as the single endpoint does it: (status, body, headers)."""
    body = prepare_create(request, payload)
    submission = services.extraction_submit(
        tenant=request.auth.tenant, body=body, request_id=request._request.request_id
    )
    return submission_answer(request, body, submission)


def submission_answer(request, body: dict, submission: services.Submission) -> tuple[int, dict, dict[str, str]]:
    """A create's answer, for the single endpoint and each bulk item: (status, body, headers)."""
    deprecation, headers = deprecation_for(body)
    out = {
        "status": "success",
        "code": submission.code,
        "data": extraction_json(submission.extraction),
        "cache": cache_json(submission),
        "timing": request.timing.as_dict(),
    }
    if deprecation:
        out["deprecation"] = deprecation
    return submission.http_status, out, headers


class ExtractionsView(IdempotentPostMixin, TimedView):
    @extend_schema(
        operation_id="create_extraction",
        summary="Create an extraction",
        tags=["extractor"],
        description="Extract an article or a product from the page you send (`html`, `markdown`, `text`, or `json` "
        "structured data). The content is sanitised and hashed with every option that changes the result: "
        "when you already have a finished result for the same input the answer is 200 `cache_hit` (no new "
        "job), otherwise 202 `queued` with the job to poll. With `webhookUrl` you get a signed POST when the "
        "job ends. Body size is limited by your plan (413).",
        request={"application/json": schema.CREATE_REQUEST},
        examples=schema.CREATE_EXAMPLES,
        responses=schema.CREATE_RESPONSES,
        parameters=[IDEMPOTENCY_HEADER],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def handle_post(self, request):
        status, body, headers = submit_one(request, request.data)
        response = Response(body, status=status)
        for name, value in headers.items():
            response[name] = value
        return response

    @extend_schema(
        operation_id="list_extractions",
        summary="List your extractions",
        tags=["extractor"],
        description="Your extractions, newest first by default, filtered by state, type, site and creation time. Pages "
        "are stable while new jobs arrive: pass `nextCursor` as `cursor` (with the same `sort`) until it is "
        "null.",
        parameters=schema.LIST_PARAMETERS,
        responses=schema.LIST_RESPONSES,
    )
    def get(self, request):
        params = parse_list_params(request.query_params)
        rows, next_cursor = list_page(tenant_id=request.auth.tenant_id, **params)
        body = {
            "status": "success",
            "code": "ok",
            "data": [extraction_json(e) for e in rows],
            "nextCursor": next_cursor,
            "timing": request.timing.as_dict(),
        }
        return Response(body)


class ExtractionDetailView(TimedView):
    @extend_schema(
        operation_id="get_extraction",
        summary="Get an extraction",
        tags=["extractor"],
        description="One of your extractions: its state, and once `done` the extracted `data` with `metadata` (which "
        "source gave each field). `failed` and `dead` jobs carry `errorClass` and `errorMessage`.",
        responses=schema.GET_RESPONSES,
    )
    def get(self, request, extraction_id: str):
        extraction = services.extraction_get(extraction_id=extraction_id, tenant_id=request.auth.tenant_id)
        return success("ok", extraction_json(extraction), timing=request.timing.as_dict())


class ExtractionCancelView(IdempotentPostMixin, TimedView):
    @extend_schema(
        operation_id="cancel_extraction",
        summary="Cancel an extraction",
        tags=["extractor"],
        description="Stop a job that is still `queued` or `claimed`: it ends `cancelled` and a worker that finishes "
        "late cannot overwrite it. A finished job answers 409 `conflict`. No body.",
        request=None,
        responses=schema.CANCEL_RESPONSES,
        parameters=[IDEMPOTENCY_HEADER],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def handle_post(self, request, extraction_id: str):
        extraction = services.extraction_cancel(extraction_id=extraction_id, tenant_id=request.auth.tenant_id)
        return success("cancelled", extraction_json(extraction), timing=request.timing.as_dict())


class BulkExtractionsView(IdempotentPostMixin, TimedView):
    @extend_schema(
        operation_id="bulk_create_extractions",
        summary="Create up to 100 extractions",
        tags=["extractor"],
        description="Up to 100 create bodies in one request. Each item is handled as `POST /v1/extractor/extractions` "
        "would handle it and reports its own status, code and data or error, so one bad item does not "
        "fail the others. Each item counts against your rate limit.",
        request={"application/json": schema.BULK_REQUEST},
        responses=schema.BULK_RESPONSES,
        parameters=[IDEMPOTENCY_HEADER],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def _item_result(self, request, index: int, body: dict | None, outcome) -> dict:
        try:
            if isinstance(outcome, Exception):
                raise outcome
            status, out, _ = submission_answer(request, body, outcome)
            item = {"index": index, "status": status, "code": out["code"], "data": out["data"], "cache": out["cache"]}
            if "deprecation" in out:  # as the single create announces it (the headers cannot say which item)
                item["deprecation"] = out["deprecation"]
            return item
        except Exception as exc:  # noqa: BLE001 - each item reports its own error
            response = self.handle_exception(exc)
            return {
                "index": index,
                "status": response.status_code,
                "code": response.data["code"],
                "error": response.data["error"],
            }

    def worth_replaying(self, response) -> bool:
        """An answer with items refused for the rate limit is not remembered, as a 429 is not: the same bulk sent again
        with the same key, once the budget allows, runs (its other items find their jobs again, in flight or cached)."""
        items = response.data.get("data") if isinstance(response.data, dict) else None
        return not any(item.get("code") == RateLimited.code for item in items or [] if isinstance(item, dict))

    def _prepare_all(self, request, items: list) -> list:
        """Each item's prepared body, or the error it is answered with. Every item counts against the rate limit (the
        request itself was the first): items past the budget get 429 `rate_limited` in their place, unprocessed, as
        single creates sent at that moment would."""
        within = 1 + self.spend_more(request, len(items) - 1)
        budget = request._ratelimit
        message = f"Rate limit of {budget.limit} requests per minute exceeded; retry in {budget.reset} s."
        return [
            _prepared(request, item) if index < within else RateLimited(message) for index, item in enumerate(items)
        ]

    def handle_post(self, request):
        payload = request.data
        items = payload.get("items") if isinstance(payload, dict) else None
        if (
            not isinstance(payload, dict)
            or set(payload) - {"items"}
            or not isinstance(items, list)
            or not 1 <= len(items) <= MAX_BULK_ITEMS
        ):
            raise InvalidBulkBody(
                f'The body must be {{"items": [...]}} with 1 to {MAX_BULK_ITEMS} items.',
                details=[ErrorDetail("items", "invalid_bulk_body", f"1 to {MAX_BULK_ITEMS} create bodies")],
            )
        prepared = self._prepare_all(request, items)
        valid = [item for item in prepared if not isinstance(item, Exception)]
        memo = cache.DigestMemo(item["raw"] for item in valid)
        try:
            # every valid item in one call: its new jobs are written by one INSERT and sent in one round trip
            submitted = iter(
                services.extractions_submit(
                    tenant=request.auth.tenant,
                    items=[(item["body"], item["raw"]) for item in valid],
                    request_id=request._request.request_id,
                    memo=memo,
                )
            )
        finally:
            memo.flush()
        results = []
        for index, item in enumerate(prepared):
            if isinstance(item, Exception):
                results.append(self._item_result(request, index, None, item))
            else:
                results.append(self._item_result(request, index, item["body"], next(submitted)))
        return success("bulk", results, timing=request.timing.as_dict())


def _prepared(request, item) -> dict | Exception:
    """A bulk item's validated body and raw digest, or the error its checks raised (reported in its place)."""
    try:
        body = prepare_create(request, item)
        return {"body": body, "raw": cache.raw_digest(format=body["format"], content=body["content"])}
    except Exception as exc:  # noqa: BLE001 - each item reports its own error
        return exc


# --- list ----------------------------------------------------------------------------------------

LIST_PARAMS = {"status", "type", "domain", "createdAfter", "createdBefore", "sort", "limit", "cursor"}
SORTS = {"createdAt": "created_at", "finishedAt": "finished_at"}


def _bad(name: str, message: str, error: type[InvalidFilter] = InvalidFilter) -> InvalidFilter:
    return error(message, details=[ErrorDetail(name, error.code, message)])


# `+01:00` sent unencoded in a query string arrives as ` 01:00` (a `+` is a space there): read as the offset it was.
_UNENCODED_OFFSET = re.compile(r"(?<=\d) (\d\d(?::?\d\d)?)$")


def _parse_time(name: str, raw: str) -> datetime:
    try:
        value = parse_datetime(_UNENCODED_OFFSET.sub(r"+\1", raw))
        if value is not None:
            value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        value = None
    if value is None:
        raise _bad(name, f"{name} must be an ISO 8601 date-time.")
    return value


def parse_list_params(query) -> dict:
    unknown = sorted(set(query) - LIST_PARAMS)
    if unknown:
        raise _bad(unknown[0], f"Unknown parameter: {unknown[0]}.")
    params = {
        "status": None,
        "type": None,
        "domain": None,
        "created_after": None,
        "created_before": None,
        "sort": "-createdAt",
        "limit": 20,
        "cursor": None,
    }
    if "status" in query:
        if query["status"] not in Status.values:
            raise _bad("status", f"status must be one of {', '.join(Status.values)}.")
        params["status"] = query["status"]
    if "type" in query:
        if query["type"] not in ExtractionType.values:
            raise _bad("type", f"type must be one of {', '.join(ExtractionType.values)}.")
        params["type"] = query["type"]
    if "domain" in query:
        if "\x00" in query["domain"]:
            raise _bad("domain", "domain must be a host name.")
        params["domain"] = query["domain"].strip().lower().rstrip(".")  # as `domain` is read at creation
    if "createdAfter" in query:
        params["created_after"] = _parse_time("createdAfter", query["createdAfter"])
    if "createdBefore" in query:
        params["created_before"] = _parse_time("createdBefore", query["createdBefore"])
    if "sort" in query:
        if query["sort"].lstrip("-") not in SORTS or query["sort"].count("-") > 1:
            raise _bad("sort", "sort must be one of createdAt, -createdAt, finishedAt, -finishedAt.", InvalidSortField)
        params["sort"] = query["sort"]
    if "limit" in query:
        limit = ascii_int(query["limit"], 3)
        if limit is None or not 1 <= limit <= 100:
            raise _bad("limit", "limit must be an integer from 1 to 100.")
        params["limit"] = limit
    if "cursor" in query:
        params["cursor"] = decode_cursor(query["cursor"], params["sort"])
    return params


def encode_cursor(sort: str, value, pk: str) -> str:
    raw = json.dumps({"s": sort, "v": iso(value), "id": pk}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        assert data["s"] == sort and is_ulid(data["id"])
        value = parse_datetime(data["v"]) if data["v"] is not None else None
        assert value is not None or data["v"] is None
        if value is not None:  # a time the database can compare (year 1..9999 once in UTC), else OverflowError here
            value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    except Exception:  # noqa: BLE001 - any malformed cursor is the client's error
        raise _bad(
            "cursor", "cursor is not valid for this query (it must come from nextCursor with the same sort)."
        ) from None
    return {"value": value, "id": data["id"]}


def list_page(*, tenant_id: int, status, type, domain, created_after, created_before, sort, limit, cursor):
    """Keyset pagination on (sort field, id): stable under inserts. Nulls (unfinished) sort last."""
    qs = Extraction.objects.filter(tenant_id=tenant_id)
    if status:
        qs = qs.filter(status=status)
    if type:
        qs = qs.filter(type=type)
    if domain:
        qs = qs.filter(domain__host=domain)
    if created_after:
        qs = qs.filter(created_at__gt=created_after)
    if created_before:
        qs = qs.filter(created_at__lt=created_before)
    desc = sort.startswith("-")
    field = SORTS[sort.lstrip("-")]
    if cursor:
        value, pk = cursor["value"], cursor["id"]
        after = "lt" if desc else "gt"
        if value is None:
            qs = qs.filter(**{f"{field}__isnull": True, f"id__{after}": pk})
        else:
            qs = qs.filter(
                Q(**{f"{field}__{after}": value})
                | Q(**{field: value, f"id__{after}": pk})
                | Q(**{f"{field}__isnull": True})
            )
    order = F(field).desc(nulls_last=True) if desc else F(field).asc(nulls_last=True)
    rows = list(qs.order_by(order, "-id" if desc else "id")[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(sort, getattr(last, field), last.pk)
    return rows, next_cursor
