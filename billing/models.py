"""Who pays and what they may do: plans, tenants, API keys, the credit ledger and the request log."""

from __future__ import annotations

import base64
import secrets

from django.db import models
from django.db.models import Q


class Service(models.TextChoices):
    EXTRACTOR = "extractor", "Extractor"
    LLM = "llm", "LLM post-processing"
    WORKFLOWS = "workflows", "Workflows"


class Scope(models.TextChoices):
    WORKFLOWS_WRITE = "workflows:write"
    WORKFLOWS_READ = "workflows:read"
    EXTRACTIONS_WRITE = "extractions:write"
    EXTRACTIONS_READ = "extractions:read"


ALL_SERVICES = [choice.value for choice in Service]
ALL_SCOPES = [choice.value for choice in Scope]


def default_services() -> list[str]:
    return list(ALL_SERVICES)


def default_workflow_prices() -> dict[str, int]:
    return {"extract": 1}


class Plan(models.Model):
    name = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    services = models.JSONField(default=default_services, help_text="Services enabled: extractor, llm, workflows.")
    requests_per_minute = models.PositiveIntegerField(default=600)
    max_body_bytes = models.PositiveIntegerField(default=5 * 1024 * 1024)
    cache_ttl_seconds = models.PositiveIntegerField(default=24 * 3600)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    llm_models = models.JSONField(
        default=list, blank=True, help_text="Allowed LLM models; empty = the default model only."
    )
    workflow_prices = models.JSONField(
        default=default_workflow_prices, help_text='Credits per workflow dispatch, e.g. {"extract": 1}.'
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    def has_service(self, service: str) -> bool:
        return service in (self.services or [])

    def workflow_price(self, workflow: str, default: int = 1) -> int:
        return int((self.workflow_prices or {}).get(workflow, default))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        prices = self.workflow_prices
        if not isinstance(prices, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in prices.items()
        ):
            errors["workflow_prices"] = 'An object of workflow name → whole number of credits ≥ 0, e.g. {"extract": 1}.'
        if (
            not isinstance(self.services, list)
            or not all(isinstance(x, str) for x in self.services)
            or not set(self.services) <= set(ALL_SERVICES)
        ):
            errors["services"] = f"A list drawn from {', '.join(ALL_SERVICES)}."
        if not isinstance(self.llm_models, list) or not all(isinstance(m, str) and m for m in self.llm_models):
            errors["llm_models"] = "A list of model names."
        if self.max_attempts is not None and self.max_attempts < 1:
            errors["max_attempts"] = "At least 1."
        if errors:
            raise ValidationError(errors)


def new_webhook_secret() -> str:
    """Standard Webhooks form: `whsec_` + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Tenant(models.Model):
    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tenants")
    credit_balance = models.BigIntegerField(default=0)
    webhook_secret = models.CharField(max_length=100, default=new_webhook_secret)
    previous_webhook_secret = models.CharField(max_length=100, blank=True, default="")
    previous_webhook_secret_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(credit_balance__gte=0), name="tenant_balance_non_negative")]

    def __str__(self) -> str:
        return f"{self.name} (#{self.pk})"


class ApiKey(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, blank=True, default="")
    prefix = models.CharField(max_length=16, db_index=True, help_text="Visible start of the key.")
    key_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the key; the key itself is never stored."
    )
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.tenant.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class LedgerKind(models.TextChoices):
    GRANT = "grant"
    CHARGE = "charge"
    REFUND = "refund"
    ADJUSTMENT = "adjustment"


class CreditEntry(models.Model):
    """Append-only credit ledger: balance = sum(amount) for every tenant."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=16, choices=LedgerKind.choices)
    amount = models.BigIntegerField(help_text="Signed: charges are negative.")
    balance_after = models.BigIntegerField()
    request_id = models.CharField(max_length=26, blank=True, default="", db_index=True)
    reason = models.CharField(max_length=500, blank=True, default="")
    created_by = models.CharField(max_length=150, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "credit entries"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request_id", "kind"],
                condition=Q(kind__in=["charge", "refund"]) & ~Q(request_id=""),
                name="one_charge_and_one_refund_per_request",
            ),
            # A staff form carries a one-time id: a double submit cannot grant twice.
            models.UniqueConstraint(
                fields=["request_id"],
                condition=Q(kind__in=["grant", "adjustment"]) & ~Q(request_id=""),
                name="one_staff_change_per_form",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "-id"], name="ledger_tenant_newest")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.amount:+,} → {self.balance_after:,}"


class Api(models.TextChoices):
    WORKFLOWS = "workflows"
    EXTRACTOR = "extractor"


class RequestLog(models.Model):
    id = models.CharField(primary_key=True, max_length=26)
    tenant = models.ForeignKey(Tenant, null=True, blank=True, on_delete=models.SET_NULL, db_constraint=False)
    key_prefix = models.CharField(max_length=16, blank=True, default="")
    api = models.CharField(max_length=16, choices=Api.choices)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status_code = models.PositiveSmallIntegerField()
    error_code = models.CharField(max_length=64, blank=True, default="")
    duration_ms = models.PositiveIntegerField()
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True, default="")
    bytes_in = models.PositiveIntegerField(default=0)
    bytes_out = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="reqlog_tenant_newest")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status_code}"
