"""Staff console for billing: plans, tenants (credits via ledger entries), keys, request logs.

Sized for production tables: the tenant page shows the newest ledger rows and links to the filtered ledger (never the
whole ledger inline), searches match indexed ids exactly, and big change lists never count every row."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from billing import services
from billing.models import ALL_SCOPES, ApiKey, CreditEntry, Plan, RequestLog, Scope, Service, Tenant
from config.admin_actions import run_action
from config.admin_display import ListCheckboxField, PrettyJSONFormField, compact_time
from config.admin_scale import BoundedActionsMixin, ScaledAdminMixin, StatusClassFilter, TenantFilter, ulid_or_none
from config.errors import AlreadyRecorded, DomainError
from config.limits import ascii_int
from config.request_id import new_request_id

ID_DIGITS = 19  # a search or path id longer than a bigint's digits names no row
LEDGER_PREVIEW = 10
KEYS_PREVIEW = 20
REPEAT_WINDOW = timedelta(minutes=1)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only records: staff read them, nobody edits them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def ledger_url(tenant_id: int) -> str:
    return reverse("admin:billing_creditentry_changelist") + "?" + urlencode({"tenant__id__exact": tenant_id})


def known_llm_models() -> list[str]:
    """The default model and every model some plan allows: the checkboxes of the plan form."""
    models = {settings.LLM_DEFAULT_MODEL}
    for allowed in Plan.objects.values_list("llm_models", flat=True):
        models.update(m for m in (allowed or []) if isinstance(m, str) and m)
    return sorted(models)


class PlanForm(forms.ModelForm):
    services = ListCheckboxField(choices=Service.choices, help_text="Services tenants on this plan may use.")
    llm_models = ListCheckboxField(
        choices=(), label="LLM models", help_text="Models tenants may ask for; none ticked = the default model only."
    )
    new_llm_models = forms.CharField(
        required=False,
        label="Add LLM models",
        help_text="Comma-separated model names to allow besides the ones ticked.",
    )
    workflow_prices = PrettyJSONFormField(help_text='Credits per workflow dispatch, e.g. {"extract": 1}.')

    class Meta:
        model = Plan
        fields = (
            "name",
            "active",
            "services",
            "requests_per_minute",
            "max_body_bytes",
            "cache_ttl_seconds",
            "max_attempts",
            "llm_models",
            "new_llm_models",
            "workflow_prices",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        models = known_llm_models()
        if self.instance.pk:
            models = sorted(set(models) | set(self.instance.llm_models or []))
        self.fields["llm_models"].choices = [(m, m) for m in models]

    def clean(self):
        cleaned = super().clean()
        extra = [m.strip() for m in (cleaned.get("new_llm_models") or "").split(",") if m.strip()]
        cleaned["llm_models"] = list(dict.fromkeys([*(cleaned.get("llm_models") or []), *extra]))
        return cleaned


@admin.register(Plan)
class PlanAdmin(BoundedActionsMixin, admin.ModelAdmin):
    form = PlanForm
    list_display = ("name", "active", "service_list", "requests_per_minute", "max_body_bytes", "cache_ttl_seconds")
    list_filter = ("active",)
    search_fields = ("name",)

    @admin.display(description="services")
    def service_list(self, obj):
        return ", ".join(obj.services or []) or "—"


class CreditsForm(forms.Form):
    amount = forms.IntegerField(
        help_text="Positive for a grant; signed for an adjustment.",
        min_value=-(10**12),
        max_value=10**12,
        widget=forms.NumberInput(attrs={"class": "vBigIntegerField"}),
    )
    kind = forms.ChoiceField(choices=[("grant", "Grant"), ("adjustment", "Adjustment")])
    reason = forms.CharField(max_length=500, widget=forms.TextInput(attrs={"size": 60}))
    # One id per rendered form: submitting the same form twice records one entry.
    form_id = forms.CharField(widget=forms.HiddenInput, max_length=26, min_length=26)
    # Shown only when the same change was recorded for this tenant within the last minute.
    confirm_repeat = forms.BooleanField(required=False, widget=forms.HiddenInput)


def recent_identical(*, tenant_id: int, kind: str, amount: int) -> CreditEntry | None:
    """The same kind and amount given to this tenant by staff within REPEAT_WINDOW (bounded: the newest rows only)."""
    since = timezone.now() - REPEAT_WINDOW
    for entry in CreditEntry.objects.filter(tenant_id=tenant_id).order_by("-id")[:50]:
        if entry.created_at < since:
            return None
        if entry.kind == kind and entry.amount == amount:
            return entry
    return None


@admin.register(Tenant)
class TenantAdmin(BoundedActionsMixin, admin.ModelAdmin):
    list_display = ("name", "active", "plan", "credit_balance", "created_at")
    list_filter = ("active", "plan")
    list_select_related = ("plan",)
    search_fields = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "active", "plan", "credit_balance", "created_at")}),
        ("Credit ledger", {"fields": ("ledger_preview",)}),
        ("API keys", {"fields": ("keys_preview",)}),
        (
            "Webhook signing",
            {"fields": ("webhook_secret", "previous_webhook_secret", "previous_webhook_secret_expires_at")},
        ),
    )
    readonly_fields = (
        "credit_balance",
        "webhook_secret",
        "previous_webhook_secret",
        "previous_webhook_secret_expires_at",
        "created_at",
        "ledger_preview",
        "keys_preview",
    )
    actions = ("rotate_webhook_secret", "rotate_webhook_secret_now")

    def get_deleted_objects(self, objs, request):
        """A tenant with a ledger or a workflow job is never deleted (both are PROTECTed: money and its history).
        Say so before collecting every row that would cascade: seconds for a busy tenant (6 s measured on one with
        100,000 ledger entries and 20,000 request logs), past the request timeout for a busier one."""
        kept = [tenant for tenant in objs if tenant.ledger.exists() or tenant.workflow_jobs.exists()]
        if kept:
            return (
                [],
                {},
                set(),
                [f"{tenant}: its credit ledger and workflow jobs are kept for good" for tenant in kept],
            )
        return super().get_deleted_objects(objs, request)

    def get_search_results(self, request, queryset, search_term):
        pk = ascii_int(search_term.strip(), ID_DIGITS)  # "²" or 5,000 digits: a name to look for, not an id
        if pk is not None:
            return queryset.filter(pk=pk), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="newest entries")
    def ledger_preview(self, obj):
        if obj.pk is None:
            return "—"
        entries = list(CreditEntry.objects.filter(tenant_id=obj.pk).order_by("-id")[:LEDGER_PREVIEW])
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                    e.kind,
                    f"{e.amount:+,}",
                    f"{e.balance_after:,}",
                    e.reason or e.request_id,
                    e.created_by,
                )
                for e in entries
            ),
        )
        return format_html(
            '<table class="ledger-preview"><thead><tr><th>at</th><th>kind</th><th>amount</th><th>balance after</th>'
            "<th>reason / request</th><th>by</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">All ledger entries of this tenant →</a> · <a href="{}">Grant / adjust credits</a></p>',
            rows,
            ledger_url(obj.pk),
            reverse("admin:billing_tenant_credits", args=[obj.pk]),
        )

    @admin.display(description="keys")
    def keys_preview(self, obj):
        if obj.pk is None:
            return "—"
        keys = list(ApiKey.objects.filter(tenant_id=obj.pk).order_by("revoked_at", "-created_at")[:KEYS_PREVIEW])
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}…</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:billing_apikey_change", args=[k.pk]),
                    k.prefix,
                    k.name or "—",
                    ", ".join(k.scopes or []),
                    k.last_used_at or "never",
                    f"revoked {k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "active",
                )
                for k in keys
            ),
        )
        all_keys = reverse("admin:billing_apikey_changelist") + "?" + urlencode({"tenant__id__exact": obj.pk})
        add_key = reverse("admin:billing_apikey_add") + "?" + urlencode({"tenant": obj.pk})
        return format_html(
            '<table class="keys-preview"><thead><tr><th>key</th><th>name</th><th>scopes</th><th>last used</th>'
            "<th>state</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">All keys of this tenant →</a> · <a href="{}">New key</a></p>',
            rows,
            all_keys,
            add_key,
        )

    def get_urls(self):
        own = [
            path(
                "<int:tenant_id>/credits/", self.admin_site.admin_view(self.credits_view), name="billing_tenant_credits"
            )
        ]
        return own + super().get_urls()

    def credits_view(self, request, tenant_id: int):
        """Grant or adjust credits: always a ledger entry with a reason, never a raw balance edit. The same change
        again within a minute (Back and submit, two staff at once) needs an explicit confirmation."""
        tenant = get_object_or_404(Tenant, pk=tenant_id)
        if not request.user.has_perm("billing.change_tenant"):
            messages.error(request, "You may not change credits.")
            return redirect(reverse("admin:billing_tenant_change", args=[tenant_id]))
        form = CreditsForm(request.POST or None, initial={"form_id": new_request_id()})
        repeat = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            already = CreditEntry.objects.filter(request_id=data["form_id"], kind__in=("grant", "adjustment")).exists()
            repeat = (
                None
                if data["confirm_repeat"] or already
                else recent_identical(tenant_id=tenant.pk, kind=data["kind"], amount=data["amount"])
            )
            if repeat is None:
                fn = services.credits_grant if data["kind"] == "grant" else services.credits_adjust
                try:
                    fn(
                        tenant_id=tenant.pk,
                        amount=data["amount"],
                        reason=data["reason"],
                        created_by=request.user.get_username(),
                        request_id=data["form_id"],
                    )
                except AlreadyRecorded:
                    messages.info(request, "This form was submitted already; the credits were changed once.")
                    return redirect(ledger_url(tenant.pk))
                except DomainError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(
                        request, f"Recorded {data['kind']} of {data['amount']:+,} credits for {tenant.name}."
                    )
                    return redirect(ledger_url(tenant.pk))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "tenant": tenant,
            "repeat": repeat,
            "repeat_seconds": int((timezone.now() - repeat.created_at).total_seconds()) if repeat else None,
            "title": f"Credits for {tenant.name}",
            "opts": self.model._meta,
            "original": tenant,
            "ledger_url": ledger_url(tenant.pk),
        }
        return render(request, "admin/billing/tenant_credits.html", context)

    @admin.action(description="Rotate webhook secret (old one signs for 24 h more)", permissions=["change"])
    def rotate_webhook_secret(self, request, queryset):
        run_action(
            request,
            queryset,
            lambda tenant: services.tenant_rotate_webhook_secret(tenant=tenant),
            "Rotated {n} secret(s).",
            label=lambda tenant: tenant.name,
        )

    @admin.action(
        description="Rotate webhook secret now, even inside a grace period (a leaked secret)", permissions=["change"]
    )
    def rotate_webhook_secret_now(self, request, queryset):
        run_action(
            request,
            queryset,
            lambda tenant: services.tenant_rotate_webhook_secret(tenant=tenant, force=True),
            "Rotated {n} secret(s); any older previous secret stopped signing.",
            label=lambda tenant: tenant.name,
        )


class ApiKeyCreateForm(forms.ModelForm):
    scopes = ListCheckboxField(
        choices=[(s.value, s.value) for s in Scope],
        initial=list(ALL_SCOPES),
        help_text="What the key may do. At least one.",
    )

    class Meta:
        model = ApiKey
        fields = ("tenant", "name", "scopes")

    def clean_scopes(self):
        scopes = self.cleaned_data.get("scopes") or []
        if not scopes:
            raise forms.ValidationError("Tick at least one scope.")
        return scopes


@admin.register(ApiKey)
class ApiKeyAdmin(BoundedActionsMixin, admin.ModelAdmin):
    # Narrow, decisive columns first: at 1400 px "revoked at" must be visible without scrolling.
    list_display = ("prefix", "tenant", "revoked", "name", "scope_list", "last_used", "created")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter), TenantFilter)
    list_select_related = ("tenant",)
    search_fields = ("prefix", "name")
    actions = ("revoke",)

    @admin.display(description="revoked at", ordering="revoked_at")
    def revoked(self, obj):
        return compact_time(obj.revoked_at)

    @admin.display(description="last used", ordering="last_used_at")
    def last_used(self, obj):
        return compact_time(obj.last_used_at)

    @admin.display(description="created", ordering="created_at")
    def created(self, obj):
        return compact_time(obj.created_at)

    @admin.display(description="scopes")
    def scope_list(self, obj):
        return ", ".join(obj.scopes or []) or "—"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiKeyCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return (
            ("tenant", "name", "scopes")
            if obj is None
            else ("tenant", "name", "prefix", "scope_list", "created_at", "last_used_at", "revoked_at")
        )

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("tenant", "prefix", "scope_list", "created_at", "last_used_at", "revoked_at")

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            return
        try:
            issued = services.api_key_create(tenant=obj.tenant, scopes=form.cleaned_data["scopes"], name=obj.name)
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        for field in ("pk", "prefix", "scopes", "created_at"):  # the page's messages name the key by its prefix
            setattr(obj, field, getattr(issued.api_key, field))
        # The raw key is shown once, here; only its hash is stored.
        messages.warning(request, f"New API key (shown once, copy it now): {issued.raw}")

    def get_urls(self):
        own = [
            path("<path:object_id>/revoke/", self.admin_site.admin_view(self.revoke_view), name="billing_apikey_revoke")
        ]
        return own + super().get_urls()

    def revoke_view(self, request, object_id):
        """The change page's "Revoke" button: a confirmation page, then the revoke."""
        pk = ascii_int(unquote(object_id), ID_DIGITS)
        if pk is None:  # not a key's id: no such key (it was the admin guard's 400 "out of range")
            raise Http404("No such API key.")
        key = get_object_or_404(ApiKey.objects.select_related("tenant"), pk=pk)
        if not self.has_change_permission(request, key):
            raise PermissionDenied
        if request.method == "POST":
            self._revoke(request, [key])
            return redirect(reverse("admin:billing_apikey_change", args=[key.pk]))
        return self._confirm(request, [key], action=None)

    def _revoke(self, request, keys) -> None:
        count = sum(services.api_key_revoke(api_key=key) for key in keys)
        names = ", ".join(f"{k.prefix}… ({k.tenant.name})" for k in keys)
        if count:
            messages.success(request, f"Revoked {count} key(s): {names}. Requests with them now answer 401.")
        if count < len(keys):
            messages.info(request, f"{len(keys) - count} key(s) were revoked already.")

    def _confirm(self, request, keys, *, action):
        context = {
            **self.admin_site.each_context(request),
            "title": "Revoke API keys?",
            "keys": keys,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/billing/apikey/revoke_confirmation.html", context)

    @admin.action(description="Revoke selected keys…", permissions=["change"])
    def revoke(self, request, queryset):
        keys = list(queryset.select_related("tenant"))
        if request.POST.get("post") == "yes":
            self._revoke(request, keys)
            return None
        return self._confirm(request, keys, action="revoke")


@admin.register(RequestLog)
class RequestLogAdmin(ScaledAdminMixin, ReadOnlyAdmin):
    # Status first: at 1400 px the decisive columns must be visible; the long path is shortened.
    list_display = (
        "id",
        "status_code",
        "created",
        "tenant",
        "method",
        "short_path",
        "error_code",
        "duration_ms",
        "api",
        "key_prefix",
    )
    list_filter = (StatusClassFilter, "api", TenantFilter, ("created_at", admin.DateFieldListFilter))
    list_select_related = ("tenant",)
    search_fields = ("id",)
    search_help_text = "A request id (the X-Request-Id of a response), in any case."
    ordering = ("-created_at", "-id")

    @admin.display(description="created", ordering="created_at")
    def created(self, obj):
        return compact_time(obj.created_at)

    @admin.display(description="path", ordering="path")
    def short_path(self, obj):
        return obj.path if len(obj.path) <= 48 else obj.path[:47] + "…"

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        request_id = ulid_or_none(search_term)
        return (queryset.filter(pk=request_id) if request_id else queryset.none()), False


@admin.register(CreditEntry)
class CreditEntryAdmin(ScaledAdminMixin, ReadOnlyAdmin):
    list_display = (
        "id",
        "created",
        "kind",
        "signed_amount",
        "balance_after",
        "reason",
        "created_by",
        "tenant",
        "request_id",
    )
    list_filter = ("kind", TenantFilter)
    list_select_related = ("tenant",)
    search_fields = ("request_id",)
    search_help_text = "A request id (the job's ULID or a staff form's id), a ledger entry number, or a tenant name."
    ordering = ("-id",)

    @admin.display(description="created", ordering="created_at")
    def created(self, obj):
        return compact_time(obj.created_at)

    @admin.display(description="amount", ordering="amount")
    def signed_amount(self, obj):
        return f"{obj.amount:+,}"

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        request_id = ulid_or_none(term)
        if request_id:
            return queryset.filter(request_id=request_id), False
        pk = ascii_int(term, ID_DIGITS)
        if pk is not None:
            return queryset.filter(pk=pk), False
        # A tenant name: the few matching tenants first (a small table), then their rows through the tenant index.
        tenant_ids = list(Tenant.objects.filter(name__icontains=term).values_list("pk", flat=True)[:100])
        return queryset.filter(tenant_id__in=tenant_ids), False
