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


def pytest_collection_modifyitems(config, items):
    """schemathesis names each API operation's test `test_…[POST /v1/…]` but gives all of them the function's node
    id; pytest-xdist tells tests apart by node id and would run one of the twelve. The id takes the name back."""
    from _pytest.nodeid import NodeId  # pytest 9's node ids; the string form is what xdist compares

    for item in items:
        label = getattr(item, "operation_label", None)
        if label and not item.nodeid.endswith("]"):
            item._id = NodeId.parse(f"{item.nodeid}[{label}]")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker's violations join the controller's list, which reports them and fails the run."""
    guard = getattr(node.config, "_repo_guard", None)
    if guard is not None:
        guard.violations.extend(getattr(node, "workeroutput", {}).get("repo_guard_violations", []))


_REPORTED: set[str] = set()


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":  # a test that ran, or ended in its setup or teardown
        _REPORTED.add(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    guard = getattr(session.config, "_repo_guard", None)
    if guard is not None and hasattr(session.config, "workeroutput"):  # an xdist worker: tell the controller
        session.config.workeroutput["repo_guard_violations"] = list(guard.violations)
    if guard is not None and guard.mode == "fail" and guard.violations and exitstatus == 0:
        session.exitstatus = 1
    _check_every_test_reported(session, exitstatus)


def _check_every_test_reported(session, exitstatus) -> None:
    """The controller of an xdist run fails a run that reports fewer tests than it collected (two tests with one
    node id, say: xdist would run one and say nothing)."""
    if not getattr(session.config.option, "numprocesses", None) or hasattr(session.config, "workeroutput"):
        return
    if exitstatus != 0 or session.shouldstop or session.shouldfail:
        return
    if len(_REPORTED) != session.testscollected:
        session.config.pluginmanager.get_plugin("terminalreporter").write_line(
            f"collected {session.testscollected} tests but {len(_REPORTED)} reported a result", red=True
        )
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
