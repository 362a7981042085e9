"""Demo data for `make run`: a plan, a tenant with credits and a key, a staff user. Idempotent: each run prints a
fresh key and revokes the demo keys of earlier runs, so only the key on screen works."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from billing import services
from billing.models import ApiKey, Tenant

DEMO_TENANT = "Demo tenant"
DEMO_KEY_NAME = "make run"
# Keys this command made: its own, and the first key `tenant_create` gives the demo tenant.
DEMO_KEY_NAMES = (DEMO_KEY_NAME, "default")


class Command(BaseCommand):
    help = "Create the demo plan, tenant (100 credits), API key and staff user; print how to use them."

    def add_arguments(self, parser):
        parser.add_argument("--admin-password", default="admin")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, admin_password, base_url, json: bool = False, **options):
        plan = services.plan_create(name="demo", llm_models=[])
        with transaction.atomic():
            tenant = Tenant.objects.filter(name=DEMO_TENANT).first()
            if tenant is None:
                tenant = services.tenant_create(name=DEMO_TENANT, plan=plan, credits=100, created_by="seed_demo").tenant
            # A fresh key every run (raw keys are never stored, so the old one cannot be printed again); the keys of
            # earlier runs are revoked, so demo keys do not pile up and only the one printed below works.
            for old in ApiKey.objects.filter(tenant=tenant, name__in=DEMO_KEY_NAMES, revoked_at__isnull=True):
                services.api_key_revoke(api_key=old)
            issued = services.api_key_create(tenant=tenant, name=DEMO_KEY_NAME)
        User = get_user_model()
        admin = User.objects.filter(username="admin").first()
        if admin is None:
            User.objects.create_superuser("admin", "admin@example.com", admin_password)
        out = {
            "tenantId": str(tenant.pk),
            "apiKey": issued.raw,
            "admin": {"username": "admin", "password": admin_password if admin is None else "(unchanged)"},
        }
        if json:
            self.stdout.write(_json(out))
            return
        self.stdout.write(
            f"""
Demo tenant #{tenant.pk} ({tenant.credit_balance} credits)
  API key : {issued.raw}
  Admin   : {base_url}/admin/  user 'admin', password {out["admin"]["password"]}
  API docs: {base_url}/v1/docs

Try:
  curl -s -X POST {base_url}/v1/extractor/extractions -H 'x-api-key: {issued.raw}' \\
       -H 'Content-Type: application/json' \\
       -d '{{"type": "article", "format": "html", "content": "<html><head><title>Hi</title></head><body><article><h1>Hello</h1><p>First paragraph of the demo article.</p></article></body></html>"}}'
  curl -s {base_url}/v1/credits -H 'Authorization: Bearer {issued.raw}'
"""
        )


def _json(value) -> str:
    return json.dumps(value)
