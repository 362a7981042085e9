"""`/healthz` (the process answers) and `/readyz` (database and broker reachable, answered within a few seconds even
when one of them accepts connections and never answers)."""

from __future__ import annotations

import concurrent.futures
import functools

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

READY_BUDGET_SECONDS = 3.0
_pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")


def probe(view):
    """GET and HEAD only: any other method is 405 (JSON, `Allow`), not the CSRF check's 403 HTML page."""

    @csrf_exempt
    @functools.wraps(view)
    def checked(request):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"detail": f'Method "{request.method}" not allowed.'}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request)

    return checked


@probe
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        return f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()  # this thread's own connection: never left open behind a probe


def _check_broker() -> str | None:
    from config.celery import app

    try:
        url = str(app.conf.broker_url or "")
        if url.startswith(("redis://", "rediss://")):  # one PING with the broker's short socket timeouts
            import redis

            client = redis.Redis.from_url(
                url, socket_timeout=settings.BROKER_READ_TIMEOUT, socket_connect_timeout=settings.BROKER_CONNECT_TIMEOUT
            )
            try:
                client.ping()
            finally:
                client.close()
            return None
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return None
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


@probe
def readyz(request):
    futures = {"database": _pool.submit(_check_database), "broker": _pool.submit(_check_broker)}
    concurrent.futures.wait(futures.values(), timeout=READY_BUDGET_SECONDS)
    checks = {
        name: (f.result() if f.done() else f"no answer within {READY_BUDGET_SECONDS:g} s")
        for name, f in futures.items()
    }
    failed = {name: error for name, error in checks.items() if error}
    body = {
        "status": "ok" if not failed else "unavailable",
        "checks": {name: ("ok" if not error else "failed") for name, error in checks.items()},
    }
    if failed:
        body["errors"] = failed
    return JsonResponse(body, status=200 if not failed else 503)
