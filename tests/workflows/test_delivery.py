"""Workflows with real processes: a worker SIGKILLed while it talks to Studio; the job is claimed
again, completes once, and the ledger stays consistent (no refund for a completed job)."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image
from rest_framework.test import APIClient

from billing import services as billing
from billing.models import CreditEntry
from tests.servers import FakeStudio
from tests.workers import wait_for
from tests.workflows.test_studio_http import make_due
from workflows import tasks
from workflows.models import WorkflowJob


@pytest.fixture
def fake_studio():
    with FakeStudio() as fake:
        yield fake


def test_worker_killed_mid_submit_is_claimed_again_and_completes_once(
    transactional_db, start_worker, fake_studio, settings, media
):
    settings.STUDIO_BACKEND = "http"
    settings.STUDIO_URL = fake_studio.url
    created = billing.tenant_create(name="Studio", credits=5)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (1, 2, 3)).save(buffer, format="JPEG")
    key = default_storage.save(f"tenants/{created.tenant.pk}/uploads/p.jpg", ContentFile(buffer.getvalue()))

    fake_studio.submit_script = [("sleep", 30), ("ok",)]  # the first submit hangs: the worker dies inside it
    env = dict(
        STUDIO_BACKEND="http",
        STUDIO_URL=fake_studio.url,
        STUDIO_READ_TIMEOUT=60,
        WORKFLOW_LEASE_SECONDS=2,
        MEDIA_ROOT=media,
    )
    victim = start_worker("wf-victim", queues="studio", **env)
    job_id = client.post("/v1/extract", {"trial_image": key}, format="json").json()["request_id"]
    wait_for(lambda: fake_studio.calls)
    victim.kill()
    start_worker("wf-rescuer", queues="studio", **env)
    wait_for(lambda: tasks.reap()["requeued"], timeout=15)
    wait_for(lambda: WorkflowJob.objects.get(pk=job_id).studio_job_id, timeout=30)
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.status == "IN_PROGRESS" and job.attempts == 2
    fake_studio.complete(job.studio_job_id)
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.status == "COMPLETED" and job.result["items"]
    assert list(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True)) == ["charge"]
    call_command("check_ledger")
