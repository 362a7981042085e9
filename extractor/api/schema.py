"""OpenAPI descriptions of the extractor API (names, enums and shapes exactly as the spec documents)."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers

from extractor.api.serializers import LLM_MODES
from extractor.models import ErrorClass, ExtractionType, InputFormat, Status, WebhookEvent


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": True}, {"type": "array", "items": {}}]})
class ContentSchemaField(serializers.JSONField):
    pass


class OptionsSchema(serializers.Serializer):
    useLlm = serializers.BooleanField(required=False)
    llmModel = serializers.CharField(required=False)
    llmPromptOverride = serializers.CharField(required=False, max_length=8000)
    llmMode = serializers.ChoiceField(choices=LLM_MODES, required=False)


class CreateRequest(serializers.Serializer):
    type = serializers.ChoiceField(choices=ExtractionType.values)
    format = serializers.ChoiceField(choices=InputFormat.values, default="html", required=False)
    content = ContentSchemaField()
    url = serializers.URLField(required=False)
    domain = serializers.CharField(required=False)
    webhookUrl = serializers.URLField(required=False)
    webhookEventTypes = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.values), required=False)
    forceRefresh = serializers.BooleanField(required=False)
    options = OptionsSchema(required=False)


class BulkRequest(serializers.Serializer):
    items = CreateRequest(many=True)


class ExtractionSchema(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.ChoiceField(choices=ExtractionType.values)
    status = serializers.ChoiceField(choices=Status.values)
    url = serializers.CharField(allow_null=True)
    domainId = serializers.CharField(allow_null=True)
    tenantId = serializers.CharField()
    inputFormat = serializers.ChoiceField(choices=InputFormat.values)
    data = serializers.JSONField(allow_null=True)
    metadata = serializers.JSONField(allow_null=True)
    errorMessage = serializers.CharField(allow_null=True, required=False)
    errorClass = serializers.ChoiceField(choices=ErrorClass.values, allow_null=True, required=False)
    attempts = serializers.IntegerField(required=False)
    cacheHits = serializers.IntegerField(required=False)
    recycleCount = serializers.IntegerField(required=False)
    createdAt = serializers.DateTimeField()
    finishedAt = serializers.DateTimeField(allow_null=True)


class CacheSchema(serializers.Serializer):
    hit = serializers.BooleanField()
    key = serializers.CharField(required=False)
    ageSeconds = serializers.IntegerField(required=False)
    expiresAt = serializers.DateTimeField(required=False)


class TimingSchema(serializers.Serializer):
    totalMs = serializers.IntegerField()
    dbMs = serializers.IntegerField(required=False)
    externalMs = serializers.IntegerField(required=False)


class DeprecationSchema(serializers.Serializer):
    sunset = serializers.DateTimeField()
    successor = serializers.CharField(required=False)
    note = serializers.CharField(required=False)


class ExtractionEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    code = serializers.CharField()
    data = ExtractionSchema()
    cache = CacheSchema(required=False)
    timing = TimingSchema(required=False)
    deprecation = DeprecationSchema(required=False)


class ExtractionListEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    code = serializers.CharField()
    data = ExtractionSchema(many=True)
    nextCursor = serializers.CharField(allow_null=True)
    timing = TimingSchema(required=False)


class BulkItemSchema(serializers.Serializer):
    index = serializers.IntegerField()
    status = serializers.IntegerField()
    code = serializers.CharField()
    data = ExtractionSchema(required=False)
    cache = CacheSchema(required=False)
    error = serializers.JSONField(required=False)


class BulkEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["success"])
    code = serializers.CharField()
    data = BulkItemSchema(many=True)
    timing = TimingSchema(required=False)


class ErrorDetailSchema(serializers.Serializer):
    path = serializers.CharField(required=False)
    code = serializers.CharField(required=False)
    message = serializers.CharField(required=False)


class ErrorBodySchema(serializers.Serializer):
    message = serializers.CharField(required=False)
    requestId = serializers.CharField()
    details = ErrorDetailSchema(many=True, required=False)


class ErrorEnvelope(serializers.Serializer):
    status = serializers.ChoiceField(choices=["error"])
    code = serializers.CharField()
    error = ErrorBodySchema()


def _error(description: str, *codes: str) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorEnvelope, description=description,
        examples=[OpenApiExample(code, value={"status": "error", "code": code, "error": {"message": "…", "requestId": "01J9Z3K4Q8V6W2X5Y7A1B3C5D7", "details": []}})
                  for code in codes] or None,
    )


COMMON_ERRORS = {
    401: _error("Authentification manquante ou invalide.", "unauthorized"),
    403: _error("Scope insuffisant (forbidden, no_active_plan, service_disabled_on_plan).", "forbidden", "no_active_plan", "service_disabled_on_plan"),
    429: _error("Rate-limit dépassé. Header Retry-After retourné.", "rate_limited"),
}
CREATE_RESPONSES = {
    200: OpenApiResponse(ExtractionEnvelope, description="Cache hit (code cache_hit, cache.hit=true)."),
    202: OpenApiResponse(ExtractionEnvelope, description="Cache miss enqueued (code queued)."),
    400: _error("Requête mal formée (validation_error, invalid_idempotency_key).", "validation_error", "invalid_idempotency_key"),
    409: _error("Idempotency-Key still in flight.", "idempotency_in_progress"),
    413: _error("Payload trop volumineux.", "payload_too_large"),
    422: _error("Validation métier KO (unsafe_url, idempotency_key_reused).", "unsafe_url", "idempotency_key_reused"),
    **COMMON_ERRORS,
}
BULK_RESPONSES = {
    200: OpenApiResponse(BulkEnvelope, description="One result per item."),
    400: _error("invalid_idempotency_key", "invalid_idempotency_key"),
    413: _error("Payload trop volumineux.", "payload_too_large"),
    422: _error("invalid_bulk_body", "invalid_bulk_body"),
    **COMMON_ERRORS,
}
ONE_RESPONSES = {
    200: ExtractionEnvelope,
    404: _error("Not found.", "not_found"),
    409: _error("Already terminal.", "conflict"),
    **COMMON_ERRORS,
}
LIST_RESPONSES = {
    200: ExtractionListEnvelope,
    400: _error("invalid_filter, invalid_sort_field", "invalid_filter", "invalid_sort_field"),
    **COMMON_ERRORS,
}
IDEMPOTENCY_HEADER = OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                                      description="1-255 printable ASCII characters; replays return the first answer.")
LIST_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values),
    OpenApiParameter("type", OpenApiTypes.STR, enum=ExtractionType.values),
    OpenApiParameter("domain", OpenApiTypes.STR),
    OpenApiParameter("createdAfter", OpenApiTypes.DATETIME),
    OpenApiParameter("createdBefore", OpenApiTypes.DATETIME),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=["createdAt", "-createdAt", "finishedAt", "-finishedAt"]),
    OpenApiParameter("limit", OpenApiTypes.INT, description="1..100, default 20"),
    OpenApiParameter("cursor", OpenApiTypes.STR, description="nextCursor of the previous page"),
]
