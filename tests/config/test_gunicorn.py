"""The real web server: bodies sent with `Transfer-Encoding: chunked` (no Content-Length) are read, not dropped."""

from __future__ import annotations

import requests

from billing import services as billing
from extractor.models import Extraction


def chunks(data: bytes, size: int = 1000):
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_chunked_body_is_read(server):
    plan = billing.plan_create(name="chunky", max_body_bytes=20_000)
    raw = billing.tenant_create(name="Chunky", plan=plan).issued.raw
    body = b'{"type": "article", "content": "<h1>Sent in chunks</h1><p>' + b"word " * 500 + b'</p>"}'
    response = requests.post(
        server + "/v1/extractor/extractions",
        data=chunks(body),
        timeout=10,
        headers={"x-api-key": raw, "content-type": "application/json"},
    )
    assert (
        response.request.headers.get("Transfer-Encoding") == "chunked"
        and "Content-Length" not in response.request.headers
    )
    assert response.status_code == 202, response.text
    assert Extraction.objects.filter(pk=response.json()["data"]["id"]).exists()

    too_big = b'{"type": "article", "content": "' + b"x" * 30_000 + b'"}'
    response = requests.post(
        server + "/v1/extractor/extractions",
        data=chunks(too_big),
        timeout=10,
        headers={"x-api-key": raw, "content-type": "application/json"},
    )
    assert response.status_code == 413 and response.json()["code"] == "payload_too_large"
    assert Extraction.objects.count() == 1


def test_a_web_worker_freezes_the_loaded_application():
    """`post_worker_init` (run by gunicorn in each worker once the application is loaded) moves what is loaded to the
    collector's permanent generation: a full collection during requests no longer walks it."""
    import gc
    import runpy

    from django.conf import settings

    hooks = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.py"))
    assert gc.get_freeze_count() == 0
    try:
        hooks["post_worker_init"](None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
