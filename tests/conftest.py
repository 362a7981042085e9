"""Shared fixtures: tenants with keys, one API client per auth scheme."""
from __future__ import annotations

import os

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from billing import services


def pytest_configure(config):
    if os.environ.get("REQUIRE_SERVICES"):
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine or not settings.REDIS_URL:
            raise pytest.UsageError("CI needs DATABASE_URL (PostgreSQL) and REDIS_URL set")


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
