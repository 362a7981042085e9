"""Staff console for extractions, domains and webhook deliveries. Actions call the services.

Searches try indexed exact matches first (an id, a request id, a cache key, a full URL) and fall back to a substring
match of the URL only when the term is none of those; change lists never count every row."""

from __future__ import annotations

import json

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from config.admin_actions import run_action
from config.admin_display import pretty_json
from config.admin_scale import BoundedActionsMixin, ScaledAdminMixin, TenantFilter, is_hex64, ulid_or_none
from extractor import services
from extractor.models import Domain, Extraction, WebhookAttempt, WebhookDelivery
from extractor.representation import result_data, result_metadata
from webhooks import delivery as webhook_delivery


def pretty(value) -> str:
    return pretty_json(value)


@admin.register(Extraction)
class ExtractionAdmin(ScaledAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "status",
        "tenant",
        "type",
        "input_format",
        "error_class",
        "created_at",
        "finished_at",
        "attempts",
        "cache_hits",
        "recycle_count",
    )
    list_filter = (
        "status",
        "type",
        "input_format",
        "error_class",
        TenantFilter,
        ("created_at", admin.DateFieldListFilter),
    )
    list_select_related = ("tenant",)
    search_fields = ("id",)
    search_help_text = (
        "An extraction id or request id (ULID), a cache key (64 hex), a URL (from its start) or part of one."
    )
    ordering = ("-created_at", "-id")
    list_defer = ("data", "metadata", "options", "extra_webhooks")
    actions = ("cancel", "recycle")
    # Business fields first; the engine's bookkeeping (lease, availability) last and folded.
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "id",
                    "tenant",
                    "status",
                    "type",
                    "input_format",
                    "url",
                    "domain",
                    "error_class",
                    "error_message",
                    "created_at",
                    "finished_at",
                    "cache_hits",
                    "recycle_count",
                    "request_id",
                )
            },
        ),
        ("Result", {"fields": ("pretty_data", "pretty_metadata")}),
        (
            "Request",
            {
                "fields": (
                    "pretty_options",
                    "webhook_url",
                    "pretty_webhook_event_types",
                    "pretty_extra_webhooks",
                    "cache_key",
                    "input_key",
                    "expires_at",
                )
            },
        ),
        (
            "Engine",
            {
                "fields": (
                    "attempts",
                    "max_attempts",
                    "claimed_at",
                    "available_at",
                    "enqueued_at",
                    "lease_expires_at",
                    "lease_token",
                ),
                "classes": ("collapse",),
            },
        ),
    )
    readonly_fields = [f.name for f in Extraction._meta.fields] + [
        "pretty_options",
        "pretty_data",
        "pretty_metadata",
        "pretty_webhook_event_types",
        "pretty_extra_webhooks",
    ]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        some_id = ulid_or_none(term)
        if some_id:
            by_id = queryset.filter(pk=some_id)
            return (by_id if by_id.exists() else queryset.filter(request_id=some_id)), False
        if is_hex64(term):
            return queryset.filter(cache_key=term.lower()), False
        if "://" in term:
            return queryset.filter(url__startswith=term), False  # the url_prefix index
        return queryset.filter(url__icontains=term), False

    @admin.display(description="options")
    def pretty_options(self, obj):
        return pretty(obj.options)

    @admin.display(description="data")
    def pretty_data(self, obj):
        return pretty(result_data(obj))  # in the API's order, not jsonb's

    @admin.display(description="metadata")
    def pretty_metadata(self, obj):
        return pretty(result_metadata(obj))

    @admin.display(description="webhook event types")
    def pretty_webhook_event_types(self, obj):
        return ", ".join(obj.webhook_event_types or []) or "—"

    @admin.display(description="joined webhooks")
    def pretty_extra_webhooks(self, obj):
        return pretty(obj.extra_webhooks) if obj.extra_webhooks else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a save would rewrite the row from a stale copy; state changes go through the actions

    def has_operate_permission(self, request):
        return request.user.has_perm("extractor.change_extraction")

    @admin.action(description="Cancel (staff: errorClass cancelled_by_admin)", permissions=["operate"])
    def cancel(self, request, queryset):
        run_action(
            request,
            queryset.select_related(None).only("pk"),
            lambda e: services.extraction_cancel(extraction_id=e.pk, by_staff=True),
            "Cancelled {n}.",
        )

    @admin.action(description="Recycle dead extractions (queued again, recycleCount + 1)", permissions=["operate"])
    def recycle(self, request, queryset):
        run_action(
            request,
            queryset.select_related(None).only("pk"),
            lambda e: services.extraction_recycle(extraction_id=e.pk),
            "Recycled {n}.",
        )


@admin.register(Domain)
class DomainAdmin(BoundedActionsMixin, admin.ModelAdmin):
    list_display = ("host", "tenant", "cache_ttl_seconds", "created_at")
    list_select_related = ("tenant",)
    search_fields = ("host",)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ("number", "created_at", "status_code", "duration_ms", "error", "response_excerpt")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ScaledAdminMixin, admin.ModelAdmin):
    list_display = ("id", "status", "event", "tenant", "extraction_link", "attempts", "next_attempt_at", "delivered_at")
    list_filter = ("status", "event", TenantFilter)
    list_select_related = ("tenant",)
    search_fields = ("id",)
    search_help_text = "A webhook-id (msg_…), an extraction or workflow request id, or part of the endpoint URL."
    inlines = (AttemptInline,)
    list_defer = ("payload",)
    actions = ("redeliver",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "id",
                    "tenant",
                    "extraction_link",
                    "event",
                    "status",
                    "url",
                    "attempts",
                    "next_attempt_at",
                    "delivered_at",
                    "created_at",
                    "generation",
                )
            },
        ),
        ("Payload", {"fields": ("pretty_payload",)}),
        ("Engine", {"fields": ("lease_expires_at",), "classes": ("collapse",)}),
    )
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields] + ["pretty_payload", "extraction_link"]

    @admin.display(description="extraction", ordering="extraction_id")
    def extraction_link(self, obj):
        # The id alone: loading each extraction row (with its data) for a list would cost one query per row.
        if obj.extraction_id is None:  # a workflow request's event
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:workflows_workflowjob_change", args=[obj.request_id]),
                obj.request_id,
            )
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:extractor_extraction_change", args=[obj.extraction_id]),
            obj.extraction_id,
        )

    @admin.display(description="payload")
    def pretty_payload(self, obj):
        return pretty(json.loads(obj.payload) if isinstance(obj.payload, str) else obj.payload)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.startswith("msg_"):
            return queryset.filter(pk=term), False
        some_id = ulid_or_none(term)
        if some_id:  # an extraction's id, else a workflow request's (both indexed; the latter by its unique constraint)
            by_extraction = queryset.filter(extraction_id=some_id)
            return (by_extraction if by_extraction.exists() else queryset.filter(request_id=some_id)), False
        return queryset.filter(url__icontains=term), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_operate_permission(self, request):
        return request.user.has_perm("extractor.change_webhookdelivery")

    @admin.action(description="Redeliver now (same webhook-id)", permissions=["operate"])
    def redeliver(self, request, queryset):
        run_action(
            request,
            queryset,
            lambda d: webhook_delivery.delivery_redeliver(delivery_id=d.pk),
            "Redelivery queued for {n}.",
        )
