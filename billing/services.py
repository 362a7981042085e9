"""Every state change of billing: plans, tenants, keys, credits (charge / refund exactly once), request log."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from billing.auth import hash_key
from billing.models import (
    ALL_SCOPES,
    ALL_SERVICES,
    ApiKey,
    CreditEntry,
    LedgerKind,
    Plan,
    RequestLog,
    Tenant,
    new_webhook_secret,
)
from config.errors import (
    AlreadyRecorded,
    InsufficientCredits,
    InvalidAmount,
    InvalidPlan,
    InvalidScope,
    RotationInGrace,
)

log = logging.getLogger(__name__)


# --- plans and tenants -------------------------------------------------------------------------


def plan_create(
    *,
    name: str,
    services: list[str] | None = None,
    requests_per_minute: int = 600,
    max_body_bytes: int = 5 * 1024 * 1024,
    cache_ttl_seconds: int = 24 * 3600,
    active: bool = True,
    llm_models: list[str] | None = None,
    workflow_prices: dict[str, int] | None = None,
) -> Plan:
    services = list(ALL_SERVICES if services is None else services)
    unknown = set(services) - set(ALL_SERVICES)
    if unknown:
        raise InvalidPlan(f"Unknown services: {', '.join(sorted(unknown))}.")
    plan, _ = Plan.objects.update_or_create(
        name=name,
        defaults=dict(
            services=services,
            requests_per_minute=requests_per_minute,
            max_body_bytes=max_body_bytes,
            cache_ttl_seconds=cache_ttl_seconds,
            active=active,
            llm_models=llm_models or [],
            workflow_prices=workflow_prices or {"extract": 1},
        ),
    )
    return plan


def plan_get_default() -> Plan:
    plan, _ = Plan.objects.get_or_create(name=settings.DEFAULT_PLAN_NAME, defaults={"services": list(ALL_SERVICES)})
    return plan


@dataclass
class IssuedKey:
    api_key: ApiKey
    raw: str


def api_key_create(*, tenant: Tenant, scopes: list[str] | None = None, name: str = "") -> IssuedKey:
    """A new key; the raw value is returned once and only its hash is kept."""
    scopes = list(ALL_SCOPES if scopes is None else scopes)
    unknown = set(scopes) - set(ALL_SCOPES)
    if unknown:
        raise InvalidScope(f"Unknown scopes: {', '.join(sorted(unknown))}.")
    raw = settings.API_KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(tenant=tenant, name=name, prefix=raw[:10], key_hash=hash_key(raw), scopes=scopes)
    return IssuedKey(api_key=key, raw=raw)


def api_key_revoke(*, api_key: ApiKey) -> bool:
    return bool(ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))


@dataclass
class CreatedTenant:
    tenant: Tenant
    issued: IssuedKey


@transaction.atomic
def tenant_create(
    *, name: str, plan: Plan | None = None, credits: int = 0, scopes: list[str] | None = None, created_by: str = ""
) -> CreatedTenant:
    tenant = Tenant.objects.create(name=name, plan=plan or plan_get_default())
    issued = api_key_create(tenant=tenant, scopes=scopes, name="default")
    if credits:
        credits_grant(tenant_id=tenant.pk, amount=credits, reason="initial credits", created_by=created_by)
        tenant.refresh_from_db(fields=["credit_balance"])
    return CreatedTenant(tenant=tenant, issued=issued)


def tenant_rotate_webhook_secret(
    *, tenant: Tenant, grace: timedelta = timedelta(hours=24), force: bool = False
) -> Tenant:
    """New secret; the old one keeps signing alongside it until the grace period ends. A second rotation inside that
    period is refused: it would drop the secret receivers still hold (a double click would do exactly that) —
    unless `force` (a leaked secret: the current one becomes the previous, the older one stops signing now)."""
    with transaction.atomic():
        locked = Tenant.objects.select_for_update().get(pk=tenant.pk)
        now = timezone.now()
        in_grace = (
            locked.previous_webhook_secret
            and locked.previous_webhook_secret_expires_at
            and locked.previous_webhook_secret_expires_at > now
        )
        if in_grace and not force:
            raise RotationInGrace(
                f"The previous rotation's grace period runs until {locked.previous_webhook_secret_expires_at:%Y-%m-%d %H:%M} UTC; "
                "rotate again after it."
            )
        locked.previous_webhook_secret = locked.webhook_secret
        locked.previous_webhook_secret_expires_at = now + grace
        locked.webhook_secret = new_webhook_secret()
        locked.save(update_fields=["webhook_secret", "previous_webhook_secret", "previous_webhook_secret_expires_at"])
    return locked


# --- credits -----------------------------------------------------------------------------------


def _ledger_append(
    *, tenant_id: int, kind: str, amount: int, request_id: str = "", reason: str = "", created_by: str = ""
) -> CreditEntry:
    """Move the balance by `amount` (conditional: never below zero) and append the ledger entry.

    Must run inside a transaction; raises InsufficientCredits when the balance would go negative.
    """
    updated = Tenant.objects.filter(pk=tenant_id, credit_balance__gte=-amount if amount < 0 else 0).update(
        credit_balance=F("credit_balance") + amount
    )
    if not updated:
        raise InsufficientCredits("Not enough credits for this request.")
    balance = Tenant.objects.filter(pk=tenant_id).values_list("credit_balance", flat=True).get()
    return CreditEntry.objects.create(
        tenant_id=tenant_id,
        kind=kind,
        amount=amount,
        balance_after=balance,
        request_id=request_id,
        reason=reason,
        created_by=created_by,
    )


def _staff_change(
    *, tenant_id: int, kind: str, amount: int, reason: str, created_by: str, request_id: str
) -> CreditEntry:
    try:
        with transaction.atomic():
            return _ledger_append(
                tenant_id=tenant_id,
                kind=kind,
                amount=amount,
                reason=reason,
                created_by=created_by,
                request_id=request_id,
            )
    except IntegrityError:  # the same form was submitted twice: the first one counts
        raise AlreadyRecorded() from None


def credits_grant(
    *, tenant_id: int, amount: int, reason: str, created_by: str = "", request_id: str = ""
) -> CreditEntry:
    """`request_id` (a staff form's one-time id) makes a resubmission a no-op: AlreadyRecorded."""
    if amount <= 0:
        raise InvalidAmount("A grant must be positive.")
    return _staff_change(
        tenant_id=tenant_id,
        kind=LedgerKind.GRANT,
        amount=amount,
        reason=reason,
        created_by=created_by,
        request_id=request_id,
    )


def credits_adjust(
    *, tenant_id: int, amount: int, reason: str, created_by: str = "", request_id: str = ""
) -> CreditEntry:
    if amount == 0 or not reason.strip():
        raise InvalidAmount("An adjustment needs a non-zero amount and a reason.")
    return _staff_change(
        tenant_id=tenant_id,
        kind=LedgerKind.ADJUSTMENT,
        amount=amount,
        reason=reason,
        created_by=created_by,
        request_id=request_id,
    )


def credits_charge(*, tenant_id: int, amount: int, request_id: str, reason: str = "") -> CreditEntry:
    """Charge a dispatch. Call inside the transaction that creates the job; 402 when short."""
    if amount < 0:
        raise InvalidAmount("A charge cannot be negative.")
    return _ledger_append(
        tenant_id=tenant_id, kind=LedgerKind.CHARGE, amount=-amount, request_id=request_id, reason=reason
    )


def credits_refund(*, request_id: str, reason: str) -> CreditEntry | None:
    """Refund the charge of `request_id`, exactly once. Returns None when already refunded (or nothing
    was charged). The unique (request_id, kind) constraint makes a second refund impossible, even from
    two processes at once."""
    charge = CreditEntry.objects.filter(request_id=request_id, kind=LedgerKind.CHARGE).first()
    if charge is None:
        return None
    try:
        with transaction.atomic():
            return _ledger_append(
                tenant_id=charge.tenant_id,
                kind=LedgerKind.REFUND,
                amount=-charge.amount,
                request_id=request_id,
                reason=reason,
            )
    except IntegrityError:
        return None


# --- request log -------------------------------------------------------------------------------


def request_log_write(**fields) -> None:
    """One INSERT; a failure is logged, never raised (the request has been served already)."""
    clean = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in fields.items()}
    row = RequestLog(created_at=clean.pop("created_at", None) or timezone.now(), **clean)
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():  # a savepoint: a failure never poisons the outer transaction
                row.save(force_insert=True)
        else:
            row.save(force_insert=True)
    except Exception:  # noqa: BLE001 - logging must never fail a request
        log.exception("request log write failed", extra={"path": fields.get("path")})
