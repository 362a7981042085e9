"""Delivery for real: a Celery worker (in a thread) consumes queue `studio` from Redis; a dispatch
committed through the API is run by it, from the on-commit message alone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from config.celery import app
from workflows.models import WorkflowJob

PEOPLE = Path(__file__).resolve().parent / "fixtures"  # tada3.jpg: CC0, see fixtures/LICENSE-fixtures.md

pytestmark = pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs Redis (REDIS_URL)")


@pytest.mark.django_db(transaction=True)
def test_dispatch_is_delivered_to_a_real_worker_and_completes(make_tenant, settings, tmp_path):
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STUDIO_BACKEND = "local"
    created = make_tenant("Delivered", credits=3)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    key = default_storage.save(
        f"tenants/{created.tenant.pk}/uploads/me.jpg", ContentFile((PEOPLE / "tada3.jpg").read_bytes())
    )
    with app.connection_for_write() as conn:  # messages left by earlier tests name jobs that no longer exist
        conn.default_channel.queue_purge("studio")
    with start_worker(app, queues=["studio"], perform_ping_check=False, shutdown_timeout=10):
        response = client.post(
            "/v1/extract", {"trial_image": key, "extraction_context": {"max_items": 2}}, format="json"
        )
        assert response.status_code == 202
        request_id = response.json()["request_id"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status = WorkflowJob.objects.filter(pk=request_id).values_list("status", flat=True).get()
            if status not in ("NOT_STARTED", "IN_PROGRESS"):
                break
            time.sleep(0.1)
    job = WorkflowJob.objects.get(pk=request_id)
    assert job.status == "COMPLETED", job.error
    assert job.enqueued_at is not None and job.attempts == 1 and len(job.result["items"]) == 2
