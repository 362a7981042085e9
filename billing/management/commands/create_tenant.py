import json

from django.core.management.base import BaseCommand, CommandError

from billing import services
from billing.models import ALL_SCOPES, Plan
from config.errors import DomainError


class Command(BaseCommand):
    help = "Create a tenant and its first API key (the raw key is printed once)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--credits", type=int, default=0)
        parser.add_argument("--plan", help="Plan name (default: the default plan, every service on).")
        parser.add_argument(
            "--scopes", nargs="+", help=f"Scopes (default: all of {' '.join(ALL_SCOPES)}); comma or space separated."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, name, credits, plan, scopes, json: bool = False, **options):
        plan_obj = None
        if plan:
            try:
                plan_obj = Plan.objects.get(name=plan)
            except Plan.DoesNotExist:
                raise CommandError(f"No plan named {plan!r}.") from None
        if scopes:
            scopes = [s for part in scopes for s in part.split(",") if s]
        if credits < 0:
            raise CommandError("--credits cannot be negative.")
        try:
            created = services.tenant_create(
                name=name, plan=plan_obj, credits=credits, scopes=scopes, created_by="create_tenant"
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        tenant, issued = created.tenant, created.issued
        out = {
            "tenantId": str(tenant.pk),
            "name": tenant.name,
            "plan": tenant.plan.name,
            "credits": tenant.credit_balance,
            "apiKey": issued.raw,
            "apiKeyPrefix": issued.api_key.prefix,
            "scopes": issued.api_key.scopes,
            "webhookSecret": tenant.webhook_secret,
        }
        if json:
            self.stdout.write(_dumps(out))
        else:
            for key, value in out.items():
                self.stdout.write(f"{key}: {value}")


def _dumps(value) -> str:
    return json.dumps(value)
