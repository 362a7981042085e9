"""Staff console for billing: plans, tenants (credits via ledger entries), keys, request logs."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from billing import services
from billing.models import ALL_SCOPES, ApiKey, CreditEntry, Plan, RequestLog, Tenant
from config.admin_actions import run_action
from config.errors import DomainError
from config.request_id import new_request_id


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only records: staff read them, nobody edits them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "services", "requests_per_minute", "max_body_bytes", "cache_ttl_seconds")
    list_filter = ("active",)
    search_fields = ("name",)


class CreditEntryInline(admin.TabularInline):
    model = CreditEntry
    fields = ("created_at", "kind", "amount", "balance_after", "request_id", "reason", "created_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-id",)
    max_num = 0
    show_change_link = False


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    fields = ("prefix", "name", "scopes", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0


class CreditsForm(forms.Form):
    amount = forms.IntegerField(help_text="Positive for a grant; signed for an adjustment.",
                                min_value=-(10**12), max_value=10**12)
    kind = forms.ChoiceField(choices=[("grant", "Grant"), ("adjustment", "Adjustment")])
    reason = forms.CharField(max_length=500)
    # One id per rendered form: submitting the same form twice records one entry.
    form_id = forms.CharField(widget=forms.HiddenInput, max_length=26, min_length=26)


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "plan", "credit_balance", "created_at")
    list_filter = ("active", "plan")
    list_select_related = ("plan",)
    search_fields = ("name",)
    readonly_fields = ("credit_balance", "webhook_secret", "previous_webhook_secret", "previous_webhook_secret_expires_at", "created_at")
    inlines = [ApiKeyInline, CreditEntryInline]
    actions = ["rotate_webhook_secret", "rotate_webhook_secret_now"]

    def get_urls(self):
        own = [path("<int:tenant_id>/credits/", self.admin_site.admin_view(self.credits_view), name="billing_tenant_credits")]
        return own + super().get_urls()

    def credits_view(self, request, tenant_id: int):
        """Grant or adjust credits: always a ledger entry with a reason, never a raw balance edit."""
        tenant = get_object_or_404(Tenant, pk=tenant_id)
        if not request.user.has_perm("billing.change_tenant"):
            messages.error(request, "You may not change credits.")
            return redirect(reverse("admin:billing_tenant_change", args=[tenant_id]))
        form = CreditsForm(request.POST or None, initial={"form_id": new_request_id()})
        if request.method == "POST" and form.is_valid():
            fn = services.credits_grant if form.cleaned_data["kind"] == "grant" else services.credits_adjust
            try:
                fn(tenant_id=tenant.pk, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"],
                   created_by=request.user.get_username(), request_id=form.cleaned_data["form_id"])
            except services.AlreadyRecorded:
                messages.info(request, "This form was submitted already; the credits were changed once.")
                return redirect(reverse("admin:billing_tenant_change", args=[tenant_id]))
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Credits updated.")
                return redirect(reverse("admin:billing_tenant_change", args=[tenant_id]))
        context = {**self.admin_site.each_context(request), "form": form, "tenant": tenant, "title": f"Credits for {tenant.name}",
                   "opts": self.model._meta}
        return render(request, "admin/billing/tenant_credits.html", context)

    @admin.action(description="Rotate webhook secret (old one signs for 24 h more)", permissions=["change"])
    def rotate_webhook_secret(self, request, queryset):
        run_action(request, queryset, lambda tenant: services.tenant_rotate_webhook_secret(tenant=tenant),
                   "Rotated {n} secret(s).", label=lambda tenant: tenant.name)

    @admin.action(description="Rotate webhook secret now, even inside a grace period (a leaked secret)", permissions=["change"])
    def rotate_webhook_secret_now(self, request, queryset):
        run_action(request, queryset, lambda tenant: services.tenant_rotate_webhook_secret(tenant=tenant, force=True),
                   "Rotated {n} secret(s); any older previous secret stopped signing.", label=lambda tenant: tenant.name)


class ApiKeyCreateForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ("tenant", "name", "scopes")

    def clean_scopes(self):
        scopes = self.cleaned_data.get("scopes")
        if scopes in (None, "", []):
            return []
        if not isinstance(scopes, list) or not all(isinstance(x, str) for x in scopes) or not set(scopes) <= set(ALL_SCOPES):
            raise forms.ValidationError(f"A JSON list drawn from {', '.join(ALL_SCOPES)} (empty = all).")
        return scopes


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("prefix", "tenant", "name", "scopes", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("tenant",)
    search_fields = ("prefix", "tenant__name")
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiKeyCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ("tenant", "name", "scopes") if obj is None else ("tenant", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("tenant", "prefix", "scopes", "created_at", "last_used_at", "revoked_at")

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            return
        try:
            issued = services.api_key_create(tenant=obj.tenant, scopes=obj.scopes or None, name=obj.name)
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = issued.api_key.pk
        # The raw key is shown once, here; only its hash is stored.
        messages.warning(request, f"New API key (shown once, copy it now): {issued.raw}")

    @admin.action(description="Revoke selected keys", permissions=["change"])
    def revoke(self, request, queryset):
        count = sum(services.api_key_revoke(api_key=key) for key in queryset)
        messages.success(request, f"Revoked {count} key(s).")


@admin.register(RequestLog)
class RequestLogAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "api", "method", "path", "status_code", "error_code", "duration_ms", "tenant", "key_prefix")
    list_filter = ("status_code", "api", "tenant", ("created_at", admin.DateFieldListFilter))
    list_select_related = ("tenant",)
    search_fields = ("=id",)
    show_full_result_count = False
    date_hierarchy = "created_at"


@admin.register(CreditEntry)
class CreditEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "tenant", "kind", "amount", "balance_after", "request_id", "reason", "created_by")
    list_filter = ("kind",)
    list_select_related = ("tenant",)
    search_fields = ("=request_id", "tenant__name")
    show_full_result_count = False
