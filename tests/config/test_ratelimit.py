"""The sliding-window limiter (no window boundary doubles a plan's rate) and the admin's login throttle."""

from __future__ import annotations

import math
import re
import time
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from config import ratelimit


@pytest.fixture(params=["redis", "local"])
def backend(request, monkeypatch):
    if request.param == "redis" and not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    if request.param == "local":
        monkeypatch.setattr(settings, "REDIS_URL", "")
    return request.param


class Clock:
    """Moves Redis' clock (the script reads TIME) and the process clock together."""

    def __init__(self, monkeypatch, backend):
        self.offset_ms = 0
        self.backend = backend
        real_time = ratelimit.time.time
        monkeypatch.setattr(ratelimit.time, "time", lambda: real_time() + self.offset_ms / 1000)
        if backend == "redis":
            script = ratelimit._LUA.replace(
                "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
                "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[5])",
            )
            client = ratelimit._redis_script().registered_client
            shifted = client.register_script(script)
            monkeypatch.setattr(
                ratelimit, "_redis_script", lambda: lambda keys, args: shifted(keys=keys, args=[*args, self.offset_ms])
            )

    def advance(self, seconds: float) -> None:
        self.offset_ms += int(seconds * 1000)


def test_no_sixty_seconds_let_more_than_the_limit_through(backend, monkeypatch):
    clock = Clock(monkeypatch, backend)
    bucket, limit = f"slide-{uuid.uuid4().hex}", 10

    def hits(count: int) -> int:
        return sum(ratelimit.hit(bucket=bucket, limit=limit).allowed for _ in range(count))

    # Only the offset is under the test's control: real time also passes (much of it on a loaded machine), so the
    # seconds until a reset may be lower than the offsets say by the real seconds elapsed since the hits counted.
    def reset_within(reset: int, expected: int, since: float) -> bool:
        return expected - math.ceil(time.monotonic() - since) <= reset <= expected

    started = time.monotonic()
    assert hits(5) == 5
    clock.advance(30)
    assert hits(5) == 5
    clock.advance(1)
    refused = ratelimit.hit(bucket=bucket, limit=limit)
    assert not refused.allowed and refused.remaining == 0 and reset_within(refused.reset, 29, started)
    clock.advance(29.1)  # the first five have left the window, the last five have not
    assert hits(limit) == 5
    # The fixed-window attack: the whole budget just before a clock minute ends, again just after it.
    clock.advance(61)
    started = time.monotonic()
    assert hits(limit) == limit
    clock.advance(2)
    assert hits(limit) == 0
    decision = ratelimit.peek(bucket=bucket, limit=limit)  # peeking spends nothing
    assert decision.remaining == 0 and reset_within(decision.reset, 58, started)


def test_api_headers_follow_the_sliding_window(make_tenant, monkeypatch):
    from billing import services as billing

    clock = Clock(monkeypatch, "redis" if settings.REDIS_URL else "local")
    plan = billing.plan_create(name="three", requests_per_minute=3)
    client = Client(HTTP_X_API_KEY=make_tenant(plan=plan).issued.raw)
    for expected in (2, 1, 0):
        response = client.get("/v1/extractor/extractions")
        assert response.status_code == 200 and f";r={expected};" in response["RateLimit"]
        clock.advance(10)
    response = client.get("/v1/extractor/extractions")
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert response["Retry-After"] == re.search(r";t=(\d+)", response["RateLimit"]).group(1) == "30"
    clock.advance(30)
    assert client.get("/v1/extractor/extractions").status_code == 200


@pytest.mark.django_db
def test_admin_login_is_throttled_after_ten_failures(backend, monkeypatch):
    monkeypatch.setattr(ratelimit, "LOGIN_FAILURES", 3)
    user = f"staff-{uuid.uuid4().hex[:8]}"
    get_user_model().objects.create_superuser(user, "s@example.com", "right-password")
    address = f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    client = Client(REMOTE_ADDR=address)
    for _ in range(3):
        response = client.post("/admin/login/", {"username": user, "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    refused = client.post("/admin/login/", {"username": user, "password": "right-password"})
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 300
    assert b"Too many failed logins" in refused.content
    # The user name is throttled from every address (a password guessed from many machines) ...
    other = Client(REMOTE_ADDR="10.200.0.1")
    assert other.post("/admin/login/", {"username": user, "password": "right-password"}).status_code == 429
    # ... while other staff from other addresses log in, and successes cost nothing.
    get_user_model().objects.create_superuser(user + "x", "t@example.com", "pw")
    for _ in range(5):
        ok = Client(REMOTE_ADDR="10.200.0.2").post("/admin/login/", {"username": user + "x", "password": "pw"})
        assert ok.status_code == 302
