"""Staff console for extractions, domains and webhook deliveries. Actions call the services."""
from __future__ import annotations

import json

from django.contrib import admin, messages
from django.utils.html import format_html

from config.admin_actions import run_action
from extractor import services, webhooks
from extractor.models import Domain, Extraction, WebhookAttempt, WebhookDelivery


def pretty(value) -> str:
    return format_html("<pre style='white-space: pre-wrap; max-width: 80em'>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False))


@admin.register(Extraction)
class ExtractionAdmin(admin.ModelAdmin):
    list_display = ("id", "tenant", "type", "input_format", "status", "error_class", "attempts", "cache_hits", "recycle_count", "created_at", "finished_at")
    list_filter = ("status", "type", "input_format", "error_class", ("created_at", admin.DateFieldListFilter))
    list_select_related = ("tenant",)
    search_fields = ("=id", "url", "=cache_key")
    show_full_result_count = False
    date_hierarchy = "created_at"
    actions = ["cancel", "recycle"]
    exclude = ("data", "metadata", "options")
    readonly_fields = [f.name for f in Extraction._meta.fields if f.name not in ("data", "metadata", "options")] + [
        "pretty_options", "pretty_data", "pretty_metadata"]

    @admin.display(description="options")
    def pretty_options(self, obj):
        return pretty(obj.options)

    @admin.display(description="data")
    def pretty_data(self, obj):
        return pretty(obj.data)

    @admin.display(description="metadata")
    def pretty_metadata(self, obj):
        return pretty(obj.metadata)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a save would rewrite the row from a stale copy; state changes go through the actions

    def has_operate_permission(self, request):
        return request.user.has_perm("extractor.change_extraction")

    @admin.action(description="Cancel (staff: errorClass cancelled_by_admin)", permissions=["operate"])
    def cancel(self, request, queryset):
        run_action(request, queryset, lambda e: services.extraction_cancel(extraction_id=e.pk, by_staff=True), "Cancelled {n}.")

    @admin.action(description="Recycle dead extractions (queued again, recycleCount + 1)", permissions=["operate"])
    def recycle(self, request, queryset):
        run_action(request, queryset, lambda e: services.extraction_recycle(extraction_id=e.pk), "Recycled {n}.")


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
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
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "tenant", "extraction", "event", "status", "attempts", "next_attempt_at", "delivered_at")
    list_filter = ("status", "event")
    list_select_related = ("tenant",)
    search_fields = ("=id", "=extraction__id", "url")
    show_full_result_count = False
    inlines = [AttemptInline]
    actions = ["redeliver"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_operate_permission(self, request):
        return request.user.has_perm("extractor.change_webhookdelivery")

    @admin.action(description="Redeliver now (same webhook-id)", permissions=["operate"])
    def redeliver(self, request, queryset):
        run_action(request, queryset, lambda d: webhooks.delivery_redeliver(delivery_id=d.pk), "Redelivery queued for {n}.")
