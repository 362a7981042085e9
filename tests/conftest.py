"""Shared fixtures: tenants with keys, one API client per auth scheme."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from billing import services
from tests import repo_guard


def pytest_configure(config):
    config._repo_guard = repo_guard.install()  # fails any open() outside the repository (see tests/repo_guard.py)
    if os.environ.get("REQUIRE_SERVICES"):
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine or not settings.REDIS_URL:
            raise pytest.UsageError("CI needs DATABASE_URL (PostgreSQL) and REDIS_URL set")


@pytest.fixture(autouse=True)
def _redis_breaker_closed():
    """Each test starts trusting Redis again (a test that stopped a broker must not make the next one skip it)."""
    from config.breaker import REDIS

    REDIS.succeeded()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    guard = getattr(config, "_repo_guard", None)
    violations = sorted(set(guard.violations)) if guard is not None else []
    if violations:
        terminalreporter.section("files read outside the repository (tests must use committed fixtures)", red=True)
        for line in violations:
            terminalreporter.line(line)


def pytest_sessionfinish(session, exitstatus):
    guard = getattr(session.config, "_repo_guard", None)
    if guard is not None and guard.mode == "fail" and guard.violations and exitstatus == 0:
        session.exitstatus = 1


@pytest.fixture
def make_tenant(db):
    def make(name="Acme", *, credits=10, scopes=None, plan=None):
        return services.tenant_create(name=name, credits=credits, scopes=scopes, plan=plan)

    return make


@pytest.fixture
def tenant(make_tenant):
    return make_tenant()


@pytest.fixture
def bearer(tenant):
    """A client of the workflows API (Authorization: Bearer)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tenant.issued.raw}")
    client.tenant = tenant.tenant
    return client


@pytest.fixture
def xkey(tenant):
    """A client of the extractor API (x-api-key)."""
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=tenant.issued.raw)
    client.tenant = tenant.tenant
    return client


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def redis_broker():
    """The test Redis, emptied (stale messages of earlier runs would only be noise)."""
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    return client


@pytest.fixture
def start_worker(transactional_db, redis_broker):
    """Start real Celery worker subprocesses; all are stopped at the end of the test."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("worker subprocesses need a shared PostgreSQL database")
    from tests.workers import Worker

    started = []

    def start(name="w1", ready=True, queues="default,extract,studio,webhooks", **env):
        worker = Worker(name, {k: str(v) for k, v in env.items()}, queues=queues)
        started.append(worker)
        if ready:
            worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()
