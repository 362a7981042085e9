"""Soak: many extractions (and workflow jobs) while a killer SIGKILLs a random worker every few seconds.

Usage: .venv/bin/python bench/soak.py [--extractions 1000] [--workflows 200] [--workers 3] [--kill-every 4]
Needs the machine's PostgreSQL and Redis. Exits non-zero when an invariant is broken."""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/soak_monolith")
REDIS_URL = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/11")


def setup():
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(
        DB_URL.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres", autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    os.environ.update(
        DATABASE_URL=DB_URL,
        REDIS_URL=REDIS_URL,
        DJANGO_SETTINGS_MODULE="config.settings",
        UNSAFE_URL_ALLOWLIST="127.0.0.0/8",
        EXTRACTION_LEASE_SECONDS="5",
        WORKFLOW_LEASE_SECONDS="20",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    import redis
    from django.core.management import call_command

    redis.Redis.from_url(REDIS_URL).flushdb()
    call_command("migrate", verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--extractions", type=int, default=1000)
    parser.add_argument("--workflows", type=int, default=200)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--kill-every", type=float, default=4.0)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    setup()

    from django.core.management import call_command
    from rest_framework.test import APIClient

    from billing import services as billing
    from extractor import services as extractor_services
    from extractor.models import TERMINAL, Extraction, WebhookDelivery
    from tests.servers import Recorder
    from tests.workers import Worker

    try:
        from workflows import services as workflow_services
        from workflows.models import WorkflowJob
    except ImportError:
        workflow_services = WorkflowJob = None

    plan = billing.plan_create(name="soak", requests_per_minute=10**7)
    created = billing.tenant_create(name="Soak", plan=plan, credits=args.workflows * 10)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=created.issued.raw, HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")

    workers: list[Worker] = []
    env = {
        "EXTRACTION_LEASE_SECONDS": "5",
        "WORKFLOW_LEASE_SECONDS": "20",
        "UNSAFE_URL_ALLOWLIST": "127.0.0.0/8",
        "LOG_LEVEL": "WARNING",
    }
    stop = threading.Event()
    kills = Counter()

    def killer():
        while not stop.wait(args.kill_every):
            victim = random.choice(workers)
            victim.kill()
            kills["killed"] += 1
            workers.remove(victim)
            workers.append(Worker(f"soak{kills['killed'] + args.workers}", env))

    def beat():
        from django.db import connection

        while not stop.wait(2):
            extractor_services.extractions_reap()
            extractor_services.extractions_sweep()
            if workflow_services is not None:
                from workflows import tasks as workflow_tasks

                workflow_tasks.reap()
                workflow_tasks.sweep()
            from webhooks import delivery as webhook_delivery

            webhook_delivery.deliveries_retry_due()
        connection.close()

    started = time.time()
    with Recorder() as receiver:
        for i in range(args.workers):
            workers.append(Worker(f"soak{i}", env))
        for worker in workers:
            worker.wait_ready(60)
        threads = [threading.Thread(target=killer, daemon=True), threading.Thread(target=beat, daemon=True)]
        for t in threads:
            t.start()
        ids = []
        for n in range(args.extractions):
            kind = "product" if n % 4 == 0 else "article"
            content = (
                f"<html><head><title>Item {n}</title><script type='application/ld+json'>"
                f'{{"@type": "Product", "name": "Item {n}", "offers": {{"price": "{n}.99", "priceCurrency": "EUR"}}}}'
                f"</script></head><body><article><h1>Item {n}</h1><p>Paragraph {n} of the soak test body.</p></article></body></html>"
            )
            body = {"type": kind, "content": content, "webhookUrl": receiver.url + "/hook"}
            response = client.post("/v1/extractor/extractions", body, format="json")
            assert response.status_code == 202, response.content
            ids.append(response.json()["data"]["id"])
        job_ids = []
        if WorkflowJob is not None and args.workflows:
            from PIL import Image

            # half real photos (cut-outs, COMPLETED), half blank images (no person: FAILED and refunded)
            photo = sorted((ROOT / "tests" / "workflows" / "fixtures").glob("*.jpg"))[0]
            blank = io.BytesIO()
            Image.new("RGB", (64, 96), (200, 180, 160)).save(blank, "PNG")
            keys = []
            for name, data in (("person.jpg", photo.read_bytes()), ("blank.png", blank.getvalue())):
                upload = io.BytesIO(data)
                upload.name = name
                keys.append(client.post("/v1/uploads", {"file": upload}, format="multipart").json()["key"])
            for n in range(args.workflows):
                response = client.post("/v1/extract", {"trial_image": keys[n % 2]}, format="json")
                assert response.status_code == 202, response.content
                job_ids.append(response.json()["request_id"])
        submitted = time.time()

        def pending():
            open_extractions = Extraction.objects.exclude(status__in=TERMINAL).count()
            open_jobs = WorkflowJob.objects.exclude(status__in=workflow_terminal()).count() if job_ids else 0
            return open_extractions, open_jobs

        def workflow_terminal():
            from workflows.models import JobStatus

            return [JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DEAD_LETTER]

        while time.time() - started < args.timeout and any(pending()):
            time.sleep(2)
        finished = time.time()
        # let webhook retries settle: a delivery whose worker was killed mid-attempt is `sending` until its lease
        # (60 s) runs out and the reaper puts it back to `pending`
        deadline = time.time() + 120
        while time.time() < deadline and WebhookDelivery.objects.filter(status__in=["pending", "sending"]).exists():
            time.sleep(1)
        stop.set()
        for t in threads:
            t.join(10)
        for worker in workers:
            worker.stop()

    statuses = Counter(Extraction.objects.values_list("status", flat=True))
    received = Counter(r["headers"].get("webhook-id") for r in receiver.requests)
    deliveries = WebhookDelivery.objects.count()
    per_event = Counter(WebhookDelivery.objects.values_list("extraction_id", flat=True))
    problems = []
    if any(pending()):
        problems.append(f"not terminal after {args.timeout:.0f} s: {pending()}")
    if any(n > 1 for n in per_event.values()):
        problems.append("an extraction got more than one terminal event")
    if len(received) != deliveries:
        problems.append(f"{deliveries} deliveries but {len(received)} distinct webhook-ids received")
    try:
        call_command("check_invariants")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"check_invariants: {exc}")
    report = {
        "extractions": dict(statuses),
        "workflow_jobs": dict(Counter(WorkflowJob.objects.values_list("status", flat=True))) if job_ids else {},
        "workers_killed": kills["killed"],
        "seconds_to_submit": round(submitted - started, 1),
        "seconds_to_all_terminal": round(finished - started, 1),
        "webhook_deliveries": deliveries,
        "distinct_webhook_ids_received": len(received),
        "webhook_posts_received": sum(received.values()),
        "max_attempts_seen": max(Extraction.objects.values_list("attempts", flat=True), default=0),
        "problems": problems,
    }
    print(json.dumps(report, indent=2))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
