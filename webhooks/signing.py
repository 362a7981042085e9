"""The Standard Webhooks signature, and the secrets that sign (the current one, and the previous one during its
grace period after a rotation)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime

from billing.models import Tenant


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signing_secrets(tenant: Tenant, now: datetime) -> list[str]:
    """The current secret, and the previous one during its grace period after a rotation."""
    secrets_ = [tenant.webhook_secret]
    if (
        tenant.previous_webhook_secret
        and tenant.previous_webhook_secret_expires_at
        and tenant.previous_webhook_secret_expires_at > now
    ):
        secrets_.append(tenant.previous_webhook_secret)
    return secrets_
