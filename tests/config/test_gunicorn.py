"""The real web server: bodies sent with `Transfer-Encoding: chunked` (no Content-Length) are read, not dropped."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from billing import services as billing
from extractor.models import Extraction
from tests import workers
from tests.helpers import free_port


@pytest.fixture
def server(transactional_db):
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("the server subprocess needs the shared PostgreSQL test database")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": workers.test_database_url(), "REDIS_URL": settings.REDIS_URL or ""}
    env.pop("TEST_DATABASE_NAME", None)
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--log-level", "warning"],
        cwd=workers.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if requests.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            proc.terminate()
            raise RuntimeError(proc.communicate(timeout=10)[1].decode()[-2000:])
        yield base
    finally:  # never leave a server behind, whatever failed
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def chunks(data: bytes, size: int = 1000):
    for start in range(0, len(data), size):
        yield data[start:start + size]


def test_a_chunked_body_is_read(server):
    plan = billing.plan_create(name="chunky", max_body_bytes=20_000)
    raw = billing.tenant_create(name="Chunky", plan=plan).issued.raw
    body = b'{"type": "article", "content": "<h1>Sent in chunks</h1><p>' + b"word " * 500 + b'</p>"}'
    response = requests.post(server + "/v1/extractor/extractions", data=chunks(body), timeout=10,
                             headers={"x-api-key": raw, "content-type": "application/json"})
    assert response.request.headers.get("Transfer-Encoding") == "chunked" and "Content-Length" not in response.request.headers
    assert response.status_code == 202, response.text
    assert Extraction.objects.filter(pk=response.json()["data"]["id"]).exists()

    too_big = b'{"type": "article", "content": "' + b"x" * 30_000 + b'"}'
    response = requests.post(server + "/v1/extractor/extractions", data=chunks(too_big), timeout=10,
                             headers={"x-api-key": raw, "content-type": "application/json"})
    assert response.status_code == 413 and response.json()["code"] == "payload_too_large"
    assert Extraction.objects.count() == 1
