"""Extractions (each row is also its own cache entry), domains, idempotency keys, webhook deliveries."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from ulid import ULID

from billing.models import Tenant
from jobs.models import LeasedJob


def new_ulid() -> str:
    return str(ULID())


class ExtractionType(models.TextChoices):
    ARTICLE = "article"
    PRODUCT = "product"


class InputFormat(models.TextChoices):
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"
    JSON = "json"


class Status(models.TextChoices):
    QUEUED = "queued"
    CLAIMED = "claimed"
    DONE = "done"
    FAILED = "failed"
    DEAD = "dead"
    CANCELLED = "cancelled"


TERMINAL = (Status.DONE, Status.FAILED, Status.DEAD, Status.CANCELLED)
IN_FLIGHT = (Status.QUEUED, Status.CLAIMED)


class ErrorClass(models.TextChoices):
    PARSE_ERROR = "parse_error"
    SANITIZE_FAIL = "sanitize_fail"
    LLM_REQUEST = "llm_request"
    LLM_VALIDATION = "llm_validation"
    LLM_TIMEOUT = "llm_timeout"
    LLM_UNAVAILABLE = "llm_unavailable"
    INVALID_INPUT = "invalid_input"
    INPUT_STASH_LOST = "input_stash_lost"
    CANCELLED_BY_ADMIN = "cancelled_by_admin"
    UNKNOWN = "unknown"


RETRYABLE = {ErrorClass.LLM_TIMEOUT, ErrorClass.LLM_UNAVAILABLE, ErrorClass.UNKNOWN}


class WebhookEvent(models.TextChoices):
    DONE = "done"
    FAILED = "failed"
    DEAD = "dead"


# Deliveries carry extraction events and workflow request events (`workflows.models.WebhookEvent`).
DELIVERY_EVENTS = [
    *WebhookEvent.choices,
    ("completed", "Completed"),
    ("cancelled", "Cancelled"),
    ("dead_letter", "Dead letter"),
]


class Domain(models.Model):
    id = models.CharField(primary_key=True, max_length=26, default=new_ulid, editable=False)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="domains")
    host = models.CharField(max_length=253)
    cache_ttl_seconds = models.PositiveIntegerField(null=True, blank=True, help_text="Overrides the plan's TTL.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "host"], name="one_domain_per_tenant_host")]

    def __str__(self) -> str:
        return self.host


class Extraction(LeasedJob):
    id = models.CharField(primary_key=True, max_length=26, default=new_ulid, editable=False)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="extractions")
    domain = models.ForeignKey(Domain, null=True, blank=True, on_delete=models.SET_NULL)
    type = models.CharField(max_length=16, choices=ExtractionType.choices)
    input_format = models.CharField(max_length=16, choices=InputFormat.choices)
    url = models.URLField(max_length=2048, null=True, blank=True)
    options = models.JSONField(default=dict, blank=True)
    cache_key = models.CharField(max_length=64, db_index=True)
    input_key = models.CharField(max_length=300, blank=True, default="", help_text="Stashed sanitised input.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    data = models.JSONField(null=True, blank=True)
    metadata = models.JSONField(null=True, blank=True)
    error_message = models.TextField(null=True, blank=True)
    error_class = models.CharField(max_length=32, choices=ErrorClass.choices, null=True, blank=True)
    cache_hits = models.PositiveIntegerField(default=0)
    recycle_count = models.PositiveIntegerField(default=0)
    webhook_url = models.URLField(max_length=2048, null=True, blank=True)
    webhook_event_types = models.JSONField(default=list, blank=True)
    extra_webhooks = models.JSONField(
        default=list,
        blank=True,
        help_text="[{url, events}] of identical submissions that joined this job while it was in flight.",
    )
    request_id = models.CharField(max_length=26, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Two identical submissions while one is in flight → one job (the second gets the first).
            models.UniqueConstraint(
                fields=["tenant", "cache_key"],
                condition=Q(status__in=["queued", "claimed"]),
                name="one_inflight_per_cache_key",
            )
        ]
        indexes = [
            models.Index(fields=["tenant", "cache_key", "status"], name="extraction_cache_lookup"),
            models.Index(fields=["tenant", "-created_at", "-id"], name="extraction_tenant_newest"),
            models.Index(fields=["available_at"], condition=Q(status="queued"), name="extraction_queued"),
            models.Index(fields=["lease_expires_at"], condition=Q(status="claimed"), name="extraction_claimed"),
            models.Index(fields=["expires_at"], condition=Q(status="done"), name="extraction_done_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.id} ({self.status})"


class IdempotencyKey(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    completed = models.BooleanField(default=False)
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    response_headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "key"], name="one_idempotency_key_per_tenant")]


class DeliveryStatus(models.TextChoices):
    """A delivery is a job of the engine: pending = queued, sending = claimed, failed = dead."""

    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
    GONE = "gone"


class WebhookDelivery(models.Model):
    """One event for one endpoint; `id` is the stable `webhook-id` across retries."""

    id = models.CharField(primary_key=True, max_length=40, editable=False)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    # What the event is about: an extraction, or a workflow request (its ULID; `workflows` owns that row).
    extraction = models.ForeignKey(
        Extraction, on_delete=models.CASCADE, related_name="deliveries", null=True, blank=True
    )
    request_id = models.CharField(max_length=26, blank=True, default="", help_text="A workflow request's id.")
    event = models.CharField(max_length=16, choices=DELIVERY_EVENTS)
    generation = models.PositiveIntegerField(
        default=0, help_text="The extraction's recycleCount (a workflow request's staff retries) at the event."
    )
    url = models.URLField(max_length=2048)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    # Written by the job engine only (`jobs`); `next_attempt_at` is the engine's "not before".
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=8, help_text="1 + the retry schedule's length.")
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_token = models.CharField(max_length=32, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time a message was sent for it.")
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["extraction", "event", "generation", "url"], name="one_delivery_per_event_endpoint"
            ),
            models.UniqueConstraint(
                fields=["request_id", "event", "generation", "url"],
                condition=~Q(request_id=""),
                name="one_request_delivery_per_event_endpoint",
            ),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="delivery_pending"),
            models.Index(fields=["lease_expires_at"], condition=Q(status="sending"), name="delivery_sending"),
        ]

    def __str__(self) -> str:
        return f"{self.event} webhook {self.id} ({self.status})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")
    duration_ms = models.PositiveIntegerField(default=0)
    response_excerpt = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"attempt {self.number}" + (f" → {self.status_code}" if self.status_code else "")
