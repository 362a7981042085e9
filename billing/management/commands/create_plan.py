import json

from django.core.management.base import BaseCommand, CommandError

from billing import services
from config.errors import DomainError


def plan_as_dict(plan) -> dict:
    return {
        "id": plan.pk,
        "name": plan.name,
        "active": plan.active,
        "services": plan.services,
        "requestsPerMinute": plan.requests_per_minute,
        "maxBodyBytes": plan.max_body_bytes,
        "cacheTtlSeconds": plan.cache_ttl_seconds,
        "llmModels": plan.llm_models,
        "workflowPrices": plan.workflow_prices,
    }


class Command(BaseCommand):
    help = "Create (or update) a plan."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--rpm", type=int, default=600, help="Requests per minute per API key.")
        parser.add_argument(
            "--services", default="extractor,llm,workflows", help="Comma-separated: extractor,llm,workflows."
        )
        parser.add_argument("--max-body-bytes", type=int, default=5 * 1024 * 1024)
        parser.add_argument("--cache-ttl", type=int, default=24 * 3600, help="Seconds.")
        parser.add_argument("--llm-models", default="", help="Comma-separated model names allowed on this plan.")
        parser.add_argument("--extract-price", type=int, default=1, help="Credits per /v1/extract dispatch.")
        parser.add_argument("--inactive", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **o):
        if o["rpm"] < 1 or o["max_body_bytes"] < 1 or o["cache_ttl"] < 0 or o["extract_price"] < 0:
            raise CommandError(
                "--rpm and --max-body-bytes must be positive, --cache-ttl and --extract-price not negative."
            )
        try:
            plan = services.plan_create(
                name=o["name"],
                services=[s.strip() for s in o["services"].split(",") if s.strip()],
                requests_per_minute=o["rpm"],
                max_body_bytes=o["max_body_bytes"],
                cache_ttl_seconds=o["cache_ttl"],
                active=not o["inactive"],
                llm_models=[m.strip() for m in o["llm_models"].split(",") if m.strip()],
                workflow_prices={"extract": o["extract_price"]},
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        data = plan_as_dict(plan)
        self.stdout.write(json.dumps(data) if o["json"] else "\n".join(f"{k}: {v}" for k, v in data.items()))
