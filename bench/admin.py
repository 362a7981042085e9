"""`make bench-admin`: the staff console at production scale.

Seeds a dedicated PostgreSQL database (default `bench_admin`, on the server of `DATABASE_URL`) with 1,000,000
request logs, 100,000 ledger rows on one tenant, 200,000 extractions, 20,000 workflow jobs and 20,000 webhook
deliveries — with `INSERT … SELECT generate_series(…)` on the server, a minute or so — then times every main admin
page as a logged-in superuser (Django's test client, in process: the time is the view's, templates included).

The seed is kept: a second run finds it (a marker table records the volumes) and only times the pages.
`--reseed` drops and refills; `--database NAME` picks another database; `--runs N` (default 3) is the number of timed
runs per page after one warm-up (the median is printed). A page slower than `--timeout` seconds is stopped and shown
as "> N s". `--screenshots DIR` also saves the busiest pages as Chromium shows them at 1400 px.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUEST_LOGS = 1_000_000
LEDGER_ROWS = 100_000
EXTRACTIONS = 200_000
WORKFLOW_JOBS = 20_000
DELIVERIES = 20_000
TENANTS = 50
VOLUMES = f"{REQUEST_LOGS}/{LEDGER_ROWS}/{EXTRACTIONS}/{WORKFLOW_JOBS}/{DELIVERIES}/{TENANTS}"


def ulid_sql(salt: str, expr: str = "i") -> str:
    """A 26-character Crockford base32 id (what the app stores) made from md5: unique per (salt, i)."""
    return f"'01' || upper(substr(md5('{salt}' || {expr}), 1, 24))"


def database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/monolith"
    parsed = urlparse(base)
    if parsed.scheme not in ("postgres", "postgresql"):
        sys.exit("bench-admin needs PostgreSQL: set DATABASE_URL=postgres://… (the benchmark database sits beside it)")
    return urlunparse(parsed._replace(path="/" + name))


def ensure_database(url: str, *, recreate: bool) -> None:
    import psycopg

    parsed = urlparse(url)
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    name = parsed.path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def seeded(cursor) -> bool:
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_admin_seed (volumes text PRIMARY KEY, seeded_at timestamptz)")
    cursor.execute("SELECT 1 FROM bench_admin_seed WHERE volumes = %s", [VOLUMES])
    return cursor.fetchone() is not None


def seed() -> None:
    from django.db import connection, transaction

    from billing import services
    from billing.models import Tenant

    with connection.cursor() as cursor:
        if seeded(cursor):
            print(f"seed found ({VOLUMES}): skipping it (--reseed to refill)", flush=True)
            return
    started = time.monotonic()
    plan = services.plan_get_default()
    with transaction.atomic():
        tenants = [
            services.tenant_create(name=f"Tenant {n:02d}", credits=0, plan=plan).tenant for n in range(1, TENANTS)
        ]
        busy = services.tenant_create(name="Busy Tenant", credits=0, plan=plan).tenant
    ids = [t.pk for t in tenants] + [busy.pk]
    first, count = min(ids), len(ids)
    tenant_expr = f"({first} + (i % {count}))"
    steps = [
        (
            "ledger",
            f"""
            INSERT INTO billing_creditentry
                (tenant_id, kind, amount, balance_after, request_id, reason, created_by, created_at)
            SELECT {busy.pk},
                   CASE WHEN i % 2 = 1 THEN 'grant' ELSE 'charge' END,
                   CASE WHEN i % 2 = 1 THEN 2 ELSE -1 END,
                   ((i + 1) / 2) * 2 - (i / 2),
                   CASE WHEN i % 2 = 1 THEN '' ELSE {ulid_sql("job", "i")} END,
                   CASE WHEN i % 2 = 1 THEN 'bench top-up' ELSE 'extract' END,
                   CASE WHEN i % 2 = 1 THEN 'bench' ELSE '' END,
                   now() - ({LEDGER_ROWS} - i) * interval '10 seconds'
            FROM generate_series(1, {LEDGER_ROWS}) AS i""",
        ),
        (
            "balance",
            f"""
            UPDATE billing_tenant SET credit_balance = (SELECT coalesce(sum(amount), 0) FROM billing_creditentry
                                                       WHERE tenant_id = {busy.pk}) WHERE id = {busy.pk}""",
        ),
        (
            "request logs",
            f"""
            INSERT INTO billing_requestlog (id, tenant_id, key_prefix, api, method, path, status_code, error_code,
                                            duration_ms, client_ip, user_agent, bytes_in, bytes_out, created_at)
            SELECT {ulid_sql("req")}, {tenant_expr}, 'mk_bench',
                   CASE WHEN i % 3 = 0 THEN 'workflows' ELSE 'extractor' END,
                   CASE WHEN i % 4 = 0 THEN 'GET' ELSE 'POST' END,
                   CASE WHEN i % 3 = 0 THEN '/v1/extract' ELSE '/v1/extractor/extractions' END,
                   CASE WHEN i % 1000 = 0 THEN 500 WHEN i % 50 = 0 THEN 429 WHEN i % 20 = 0 THEN 400
                        WHEN i % 7 = 0 THEN 202 ELSE 200 END,
                   CASE WHEN i % 1000 = 0 THEN 'internal_error' WHEN i % 50 = 0 THEN 'rate_limited'
                        WHEN i % 20 = 0 THEN 'validation_error' ELSE '' END,
                   (i % 300) + 5, '127.0.0.1', 'bench/1.0', 2048, 512,
                   now() - ({REQUEST_LOGS} - i) * interval '2 seconds'
            FROM generate_series(1, {REQUEST_LOGS}) AS i""",
        ),
        (
            "extractions",
            f"""
            INSERT INTO extractor_extraction
                (id, tenant_id, type, input_format, url, options, cache_key, input_key, status,
                data, metadata, error_message, error_class, cache_hits, recycle_count, webhook_url, webhook_event_types,
                extra_webhooks, request_id, created_at, claimed_at, finished_at, expires_at, attempts, max_attempts,
                lease_token, available_at)
            SELECT {ulid_sql("ext")}, {tenant_expr},
                   CASE WHEN i % 3 = 0 THEN 'product' ELSE 'article' END,
                   CASE WHEN i % 5 = 0 THEN 'markdown' ELSE 'html' END,
                   'https://shop' || (i % 500) || '.example.com/items/' || i,
                   '{{}}'::jsonb, md5('ck' || i) || md5('ck2' || i), '',
                   CASE WHEN i % 997 = 0 THEN 'dead' WHEN i % 101 = 0 THEN 'failed' ELSE 'done' END,
                   CASE WHEN i % 101 = 0 OR i % 997 = 0 THEN NULL
                        ELSE jsonb_build_object('title', 'Item ' || i, 'price', '19.99', 'currency', 'EUR') END,
                   CASE WHEN i % 101 = 0 OR i % 997 = 0 THEN NULL
                        ELSE jsonb_build_object('sources', jsonb_build_object('title', 'jsonld')) END,
                   CASE WHEN i % 997 = 0 THEN 'LLM unavailable' WHEN i % 101 = 0 THEN 'No product found' END,
                   CASE WHEN i % 997 = 0 THEN 'llm_unavailable' WHEN i % 101 = 0 THEN 'parse_error' END,
                   i % 4, 0, NULL, '[]'::jsonb, '[]'::jsonb, {ulid_sql("ereq")},
                   now() - ({EXTRACTIONS} - i) * interval '10 seconds',
                   now() - ({EXTRACTIONS} - i) * interval '10 seconds',
                   now() - ({EXTRACTIONS} - i) * interval '10 seconds' + interval '1 second',
                   now() + interval '1 day',
                   CASE WHEN i % 997 = 0 THEN 5 ELSE 1 END, 5, '',
                   now() - ({EXTRACTIONS} - i) * interval '10 seconds'
            FROM generate_series(1, {EXTRACTIONS}) AS i""",
        ),
        (
            "workflow jobs",
            f"""
            INSERT INTO workflows_workflowjob (id, tenant_id, workflow, status, credits_cost, input, result, error,
                studio_backend, studio_job_id, progress, poll_failures, staff_retries, created_at, started_at,
                finished_at,
                attempts, max_attempts, lease_token, available_at, webhook_events)
            SELECT {ulid_sql("job")}, {tenant_expr}, 'extract',
                   CASE WHEN i % 13 = 0 THEN 'FAILED' WHEN i % 211 = 0 THEN 'DEAD_LETTER' ELSE 'COMPLETED' END, 1,
                   jsonb_build_object('trial_image', 'tenants/' || {tenant_expr} || '/uploads/' || i || '.jpg',
                                      'extraction_context', jsonb_build_object('max_items', 4)),
                   CASE WHEN i % 13 = 0 OR i % 211 = 0 THEN NULL ELSE jsonb_build_object('items', '[]'::jsonb) END,
                   CASE WHEN i % 13 = 0
                        THEN jsonb_build_object('type', 'no_items_found', 'message', 'No garment found.')
                        WHEN i % 211 = 0
                        THEN jsonb_build_object('type', 'retries_exhausted', 'message', 'Worker lost.') END,
                   'local', '', 1.0, 0, 0,
                   now() - ({WORKFLOW_JOBS} - i) * interval '60 seconds',
                   now() - ({WORKFLOW_JOBS} - i) * interval '60 seconds',
                   now() - ({WORKFLOW_JOBS} - i) * interval '60 seconds' + interval '2 seconds',
                   1, 5, '', now() - ({WORKFLOW_JOBS} - i) * interval '60 seconds', '[]'::jsonb
            FROM generate_series(1, {WORKFLOW_JOBS}) AS i""",
        ),
        (
            "webhook deliveries",
            f"""
            INSERT INTO extractor_webhookdelivery
                (id, tenant_id, extraction_id, request_id, event, generation, url, payload, status,
                attempts, max_attempts, lease_token, next_attempt_at, created_at, delivered_at)
            SELECT 'msg_' || {ulid_sql("wh")}, e.tenant_id, e.id, '', 'done', 0, 'https://hooks.example.com/in',
                   jsonb_build_object('type', 'extraction.done', 'data', jsonb_build_object('id', e.id)),
                   'delivered', 1, 8, '', e.created_at, e.created_at, e.finished_at
            FROM (SELECT row_number() OVER () AS i, id, tenant_id, created_at, finished_at FROM extractor_extraction
                  WHERE status = 'done' LIMIT {DELIVERIES}) AS e""",
        ),
        ("analyze", "ANALYZE"),
    ]
    with connection.cursor() as cursor:
        for label, sql in steps:
            step = time.monotonic()
            cursor.execute(sql)
            print(f"  seeded {label} in {time.monotonic() - step:.1f} s", flush=True)
        cursor.execute("INSERT INTO bench_admin_seed VALUES (%s, now())", [VOLUMES])
    print(f"seed done in {time.monotonic() - started:.0f} s ({Tenant.objects.count()} tenants)", flush=True)


class PageTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise PageTimeout


def time_pages(*, runs: int, timeout: int) -> list[tuple[str, str, float | None, int, int]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from billing.models import CreditEntry, RequestLog, Tenant
    from extractor.models import Extraction, WebhookDelivery
    from workflows.models import WorkflowJob

    user = get_user_model().objects.filter(username="bench-staff").first() or get_user_model().objects.create_superuser(
        "bench-staff", "bench@example.com", "bench"
    )
    client = Client()
    client.force_login(user)
    busy = Tenant.objects.get(name="Busy Tenant")
    log = RequestLog.objects.order_by("-created_at")[5000]
    entry = CreditEntry.objects.filter(tenant=busy).order_by("-id")[500]
    extraction = Extraction.objects.order_by("-created_at")[5000]
    dead = Extraction.objects.filter(status="dead").order_by("-created_at").first()
    job = WorkflowJob.objects.order_by("-created_at")[100]
    delivery = WebhookDelivery.objects.order_by("-created_at")[100]
    pages = [
        ("request logs", "/admin/billing/requestlog/"),
        ("request logs: search by id", f"/admin/billing/requestlog/?q={log.pk}"),
        ("request logs: search by id, lower case", f"/admin/billing/requestlog/?q={log.pk.lower()}"),
        ("request logs: status 500", "/admin/billing/requestlog/?status_code=500"),
        ("request logs: 5xx", "/admin/billing/requestlog/?status_code=5xx"),
        ("request logs: one tenant", f"/admin/billing/requestlog/?tenant__id__exact={busy.pk}"),
        ("request logs: page 500", "/admin/billing/requestlog/?p=500"),
        ("request log page", f"/admin/billing/requestlog/{log.pk}/change/"),
        ("tenants", "/admin/billing/tenant/"),
        ("tenant page (100,000 ledger rows)", f"/admin/billing/tenant/{busy.pk}/change/"),
        ("credits form", f"/admin/billing/tenant/{busy.pk}/credits/"),
        ("ledger: one tenant", f"/admin/billing/creditentry/?tenant__id__exact={busy.pk}"),
        ("ledger: search by request id", f"/admin/billing/creditentry/?q={entry.request_id or entry.pk}"),
        ("ledger: search by tenant name", "/admin/billing/creditentry/?q=Busy"),
        ("ledger entry page", f"/admin/billing/creditentry/{entry.pk}/change/"),
        ("API keys", "/admin/billing/apikey/"),
        ("plans", "/admin/billing/plan/"),
        ("extractions", "/admin/extractor/extraction/"),
        ("extractions: search by id", f"/admin/extractor/extraction/?q={extraction.pk}"),
        ("extractions: search by cache key", f"/admin/extractor/extraction/?q={extraction.cache_key}"),
        ("extractions: search by url", f"/admin/extractor/extraction/?q={extraction.url}"),
        ("extractions: search by part of a url", "/admin/extractor/extraction/?q=shop17.example"),
        ("extractions: status dead", "/admin/extractor/extraction/?status__exact=dead"),
        ("extraction page", f"/admin/extractor/extraction/{(dead or extraction).pk}/change/"),
        ("workflow jobs", "/admin/workflows/workflowjob/"),
        ("workflow jobs: search by id", f"/admin/workflows/workflowjob/?q={job.pk}"),
        ("workflow jobs: dead letter", "/admin/workflows/workflowjob/?status__exact=DEAD_LETTER"),
        ("workflow job page", f"/admin/workflows/workflowjob/{job.pk}/change/"),
        ("webhook deliveries", "/admin/extractor/webhookdelivery/"),
        ("webhook deliveries: search by extraction", f"/admin/extractor/webhookdelivery/?q={delivery.extraction_id}"),
        ("webhook delivery page", f"/admin/extractor/webhookdelivery/{delivery.pk}/change/"),
    ]
    signal.signal(signal.SIGALRM, _alarm)
    rows = []
    for label, url in pages:
        times, size, queries, status = [], 0, 0, 0
        try:
            for run in range(runs + 1):
                signal.alarm(timeout)
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                    size = len(response.content)
                elapsed = time.perf_counter() - started
                signal.alarm(0)
                status, queries = response.status_code, len(captured.captured_queries)
                if run:
                    times.append(elapsed)
        except PageTimeout:
            rows.append((label, url, None, 0, 0))
            print(f"  {label}: > {timeout} s", flush=True)
            continue
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        median = statistics.median(times)
        rows.append((label, url, median, size, queries))
        print(f"  {label}: {median * 1000:.0f} ms, {size / 1024:.0f} KB, {queries} queries", flush=True)
    return rows


def screenshots(folder: str, url: str) -> None:
    """The busiest pages at these volumes, as staff see them: headless Chromium (Debian's) at 1400 px against
    `manage.py runserver` on the benchmark database."""
    import socket
    import subprocess

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from bench.browser import VIEWPORT, launch
    from billing.models import RequestLog, Tenant

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-staff"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    busy = Tenant.objects.get(name="Busy Tenant")
    log_id = RequestLog.objects.order_by("-created_at").values_list("pk", flat=True)[5000]
    pages = {
        "scale-requestlog-list": "/admin/billing/requestlog/",
        "scale-requestlog-search": f"/admin/billing/requestlog/?q={log_id.lower()}",
        "scale-tenant-page": f"/admin/billing/tenant/{busy.pk}/change/",
    }
    os.makedirs(folder, exist_ok=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            context = browser.new_context(viewport=VIEWPORT, base_url=f"http://127.0.0.1:{port}")
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "url": f"http://127.0.0.1:{port}",
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    }
                ]
            )
            page = context.new_page()
            shots = []
            for name, path in pages.items():
                page.goto(path)
                target = os.path.join(folder, f"{name}.png")
                page.screenshot(path=target, full_page="list" not in name)  # a list: its first screen
                shots.append(target)
                if "list" in name:  # and its paginator, with the estimated count
                    target = os.path.join(folder, f"{name}-paginator.png")
                    page.locator("p.paginator").screenshot(path=target)
                    shots.append(target)
            for target in shots:
                Image.open(target).convert("RGB").quantize(colors=256).save(target, optimize=True)
                print(f"  screenshot {target}", flush=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="bench_admin")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--screenshots", metavar="DIR", help="also save screenshots of the busiest pages there")
    args = parser.parse_args()

    url = database_url(args.database)
    ensure_database(url, recreate=args.reseed)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed()
    rows = time_pages(runs=args.runs, timeout=args.timeout)
    print(
        f"\n{REQUEST_LOGS:,} request logs, {LEDGER_ROWS:,} ledger rows on one tenant, {EXTRACTIONS:,} extractions, "
        f"{WORKFLOW_JOBS:,} workflow jobs, {DELIVERIES:,} webhook deliveries; median of {args.runs} runs\n"
    )
    print("| page | ms | KB | queries |")
    print("|---|---:|---:|---:|")
    for label, _url, median, size, queries in rows:
        shown = f"> {args.timeout * 1000:,}" if median is None else f"{median * 1000:,.0f}"
        print(f"| {label} | {shown} | {size / 1024:,.0f} | {queries} |")
    if args.screenshots:
        screenshots(args.screenshots, url)
    slow = [label for label, _u, median, _s, _q in rows if median is None or median >= 1.0]
    if slow:
        print(f"\nslower than 1 s: {', '.join(slow)}")


if __name__ == "__main__":
    main()
