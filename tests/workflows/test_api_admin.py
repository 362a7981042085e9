"""The staff console for workflow jobs: list, filters, search, thumbnails, cancel and retry actions."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from PIL import Image

import jobs
from billing.models import CreditEntry
from tests.helpers import dispatch
from workflows import services
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db
LIST = "/admin/workflows/workflowjob/"


@pytest.fixture
def staff():
    user = User.objects.create_superuser("admin", "admin@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (255, 0, 0, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_list_filters_search_and_detail_with_thumbnails(staff, bearer):
    job_id = dispatch(bearer)
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/jobs/{job_id}/items/0-top.png", ContentFile(png()))
    WorkflowJob.objects.filter(pk=job_id).update(
        status="COMPLETED",
        result={
            "items": [
                {
                    "label": "top",
                    "score": 0.9,
                    "bbox": {"x": 0, "y": 0, "width": 10, "height": 10},
                    "image_key": key,
                    "mask_key": key,
                }
            ]
        },
    )
    for query in (
        "",
        "?status__exact=COMPLETED",
        "?workflow__exact=extract",
        f"?tenant__id__exact={bearer.tenant.pk}",
        f"?q={job_id}",
    ):
        response = staff.get(LIST + query)
        assert response.status_code == 200 and job_id in response.content.decode(), query
    assert job_id not in staff.get(LIST + "?status__exact=FAILED").content.decode()
    page = staff.get(f"{LIST}{job_id}/change/").content.decode()
    file_url = f"{LIST}{job_id}/file/{key}"
    assert file_url in page and f"/admin/billing/requestlog/{job_id}/change/" in page and f"q={job_id}" in page
    image = staff.get(file_url)
    assert image.status_code == 200 and b"".join(image.streaming_content) == png()
    assert staff.get(f"{LIST}{job_id}/file/tenants/999/uploads/x.png").status_code == 404
    assert Client().get(file_url).status_code == 302  # not staff: to the login page


def test_cancel_action_refunds_and_retry_action_requeues_a_dead_job(staff, bearer):
    running, dead = dispatch(bearer), dispatch(bearer)
    WorkflowJob.objects.filter(pk=dead).update(max_attempts=1)
    jobs.claim(services.KIND, dead)
    WorkflowJob.objects.filter(pk=dead).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    services.jobs_reap()
    response = staff.post(LIST, {"action": "cancel_jobs", "_selected_action": [running, dead]}, follow=True)
    text = response.content.decode()
    assert "Cancelled and refunded 1 job(s)." in text and "already finished (DEAD_LETTER)" in text
    assert WorkflowJob.objects.get(pk=running).status == "CANCELLED"
    assert CreditEntry.objects.filter(request_id=running, kind="refund").count() == 1
    response = staff.post(LIST, {"action": "retry_dead_jobs", "_selected_action": [running, dead]}, follow=True)
    assert "Re-queued 1 job(s)." in response.content.decode()
    assert WorkflowJob.objects.get(pk=dead).status == "NOT_STARTED"
