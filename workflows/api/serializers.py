"""Response shapes of the workflows API (and request shapes for the OpenAPI document; input is checked
by `workflows.validation`, which reports errors the way the contract's FastAPI service does)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workflows.models import JobStatus
from workflows.representation import request_body  # noqa: F401 - the API's name for it
from workflows.storage import MAX_KEY_LENGTH


@extend_schema_field({"type": "string", "enum": JobStatus.values, "title": "JobStatus"})
class JobStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=JobStatus.choices, **kwargs)


class RuntimeConfigSerializer(serializers.Serializer):
    priority = serializers.IntegerField(required=False, min_value=0, max_value=10, help_text="0..10, higher first.")
    timeout_seconds = serializers.IntegerField(required=False, min_value=10, max_value=3600)


class ExtractionContextSerializer(serializers.Serializer):
    max_items = serializers.IntegerField(required=False, default=4, min_value=1, max_value=8)
    product_name = serializers.CharField(
        required=False, max_length=200, allow_null=True, allow_blank=True, trim_whitespace=False
    )
    product_description = serializers.CharField(
        required=False, max_length=2000, allow_null=True, allow_blank=True, trim_whitespace=False
    )


class CallbackSerializer(serializers.Serializer):
    """Optional on every `POST /v1/{name}`: where and for which ends the job calls back (validated by the service)."""

    webhook_url = serializers.URLField(
        required=False,
        allow_null=True,
        max_length=2048,
        help_text="Called once per end of the job with a Standard Webhooks delivery (`webhook-id`, "
        "`webhook-timestamp`, `webhook-signature` signed with your tenant's webhook secret) whose body is "
        "`{type: request.<event>, timestamp, data: <the job as GET /v1/requests/{request_id} shows it>}`. "
        "Retried with backoff (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) under the same `webhook-id`; "
        "410 stops. Must not point to a private, loopback or metadata address (422 `unsafe_url`).",
    )
    webhook_events = serializers.ListField(
        child=serializers.ChoiceField(choices=["completed", "failed", "cancelled", "dead_letter"]),
        required=False,
        help_text="Which ends are called back; missing or empty: all four.",
    )


class ExtractTrialItemsSerializer(CallbackSerializer):
    """Extraction submission."""

    trial_image = serializers.CharField(
        max_length=MAX_KEY_LENGTH,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Storage key of the model / trial image, as `POST /v1/uploads` returned it (under "
        "`tenants/<your id>/`); it must be a JPEG, PNG or WebP image.",
    )
    runtime_config = RuntimeConfigSerializer(required=False)
    extraction_context = ExtractionContextSerializer(required=False)


class WorkflowAcceptedResponseSerializer(serializers.Serializer):
    """Returned synchronously from any POST /v1/{name} (202)."""

    request_id = serializers.CharField(help_text="26-char ULID — correlates with the row in request_logs.")
    status = JobStatusField()
    credits_cost = serializers.IntegerField()


def accepted_body(job) -> dict:
    return {"request_id": job.pk, "status": job.status, "credits_cost": job.credits_cost}


class BBoxSerializer(serializers.Serializer):
    x = serializers.IntegerField()
    y = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ResultItemSerializer(serializers.Serializer):
    label = serializers.CharField()
    score = serializers.FloatField()
    bbox = BBoxSerializer()
    image_key = serializers.CharField()
    mask_key = serializers.CharField()
    image_url = serializers.CharField()


class ResultSerializer(serializers.Serializer):
    items = ResultItemSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    type = serializers.CharField()
    message = serializers.CharField()


class WorkflowRequestSerializer(serializers.Serializer):
    request_id = serializers.CharField()
    workflow = serializers.CharField()
    status = JobStatusField()
    credits_cost = serializers.IntegerField()
    credits_refunded = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    result = ResultSerializer(allow_null=True)
    error = ErrorSerializer(allow_null=True)


class UploadResponseSerializer(serializers.Serializer):
    key = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()


class PresignRequestSerializer(serializers.Serializer):
    content_type = serializers.ChoiceField(choices=["image/jpeg", "image/png", "image/webp"])


class PresignResponseSerializer(serializers.Serializer):
    key = serializers.CharField()
    url = serializers.CharField()
    fields = serializers.DictField(child=serializers.CharField())
    expires_in = serializers.IntegerField()
    max_bytes = serializers.IntegerField()
