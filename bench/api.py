"""API speed on gunicorn + PostgreSQL + Redis: a cache hit for a 50 KB page vs a trivial authenticated read.

Usage: .venv/bin/python bench/api.py [--seconds 10] [--concurrency 4] [--workers 2]
Needs the machine's PostgreSQL and Redis (BENCH_DATABASE_URL / REDIS_URL override them)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_monolith")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/12")


def setup_database():
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    os.environ.update(DATABASE_URL=DB_URL, REDIS_URL=REDIS_URL, DJANGO_SETTINGS_MODULE="config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def page_50kb() -> str:
    paragraph = "<p>" + " ".join(f"word{i % 97} of the benchmark article body" for i in range(60)) + "</p>\n"
    body = paragraph * (50_000 // len(paragraph) + 1)
    return (
        f"<html><head><title>Benchmark</title></head><body><article><h1>Benchmark</h1>{body}</article></body></html>"[
            :50_000
        ]
    )


def load(url: str, method: str, headers: dict, body, seconds: float, concurrency: int) -> dict:
    stop = time.time() + seconds
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def run():
        session = requests.Session()
        while time.time() < stop:
            started = time.perf_counter()
            response = session.request(method, url, headers=headers, data=body, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": sorted(latencies)[int(len(latencies) * 0.95)] * 1000,
        "statuses": statuses,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    setup_database()
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from billing import services as billing
    from extractor import services

    plan = billing.plan_create(name="bench", requests_per_minute=10**7, max_body_bytes=10**7)
    created = billing.tenant_create(name="Bench", plan=plan)
    key = created.issued.raw
    body = json.dumps({"type": "article", "content": page_50kb()})
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=key)
    first = client.post("/v1/extractor/extractions", body, content_type="application/json").json()["data"]["id"]
    services.extraction_run(first)
    client.post("/v1/extractor/extractions", body, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        assert client.post("/v1/extractor/extractions", body, content_type="application/json").status_code == 200
    connection.close()

    env = {**os.environ, "DATABASE_URL": DB_URL, "REDIS_URL": REDIS_URL, "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/healthz", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        headers = {"x-api-key": key, "content-type": "application/json"}
        trivial = load(f"{base}/v1/extractor/extractions/{first}", "GET", headers, None, args.seconds, args.concurrency)
        hit = load(f"{base}/v1/extractor/extractions", "POST", headers, body, args.seconds, args.concurrency)
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"gunicorn --workers {args.workers}, {args.concurrency} concurrent clients, {args.seconds:.0f} s each, PostgreSQL + Redis\n"
    )
    print("| request | req/s | p50 ms | p95 ms | statuses |")
    print("|---|---|---|---|---|")
    print(
        f"| GET one extraction (trivial authenticated view) | {trivial['rps']:.0f} | {trivial['p50_ms']:.1f} | {trivial['p95_ms']:.1f} | {trivial['statuses']} |"
    )
    print(
        f"| POST 50 KB page, cache hit | {hit['rps']:.0f} | {hit['p50_ms']:.1f} | {hit['p95_ms']:.1f} | {hit['statuses']} |"
    )
    ratio = trivial["rps"] / hit["rps"]
    print(f"\ncost ratio (trivial req/s ÷ cache-hit req/s): {ratio:.2f} (target ≤ 2.0)")
    print(f"SQL queries on a cache hit: {len(queries)} (target ≤ 3): " + "; ".join(q["sql"][:60] for q in queries))
    return 0 if ratio <= 2.0 and len(queries) <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
