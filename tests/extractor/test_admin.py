"""Staff console for extractions: pages render, actions go through the services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from extractor import services
from extractor.models import Extraction, Status

pytestmark = pytest.mark.django_db
URL = "/v1/extractor/extractions"


@pytest.fixture
def staff(client):
    client.force_login(get_user_model().objects.create_superuser("ops", "ops@example.com", "pw"))
    return client


def submit(xkey, n=1):
    return xkey.post(
        URL, {"type": "article", "content": f"<h1>T{n}</h1><p>Some words of body {n}.</p>"}, format="json"
    ).json()["data"]["id"]


def test_pages_render(staff, xkey):
    job_id = submit(xkey)
    services.extraction_run(job_id)
    for url in (
        "/admin/extractor/extraction/",
        f"/admin/extractor/extraction/?q={job_id}",
        "/admin/extractor/extraction/?status__exact=done",
        f"/admin/extractor/extraction/{job_id}/change/",
        "/admin/extractor/webhookdelivery/",
        "/admin/extractor/domain/",
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
    assert "T1" in staff.get(f"/admin/extractor/extraction/{job_id}/change/").content.decode()


def test_the_change_page_shows_data_and_metadata_in_the_api_s_order(staff, xkey):
    """Staff read `data` and `metadata` in the order the API shows them, not jsonb's (shortest key first)."""
    job_id = submit(xkey)
    services.extraction_run(job_id)
    page = staff.get(f"/admin/extractor/extraction/{job_id}/change/").content.decode()
    order = ["&quot;title&quot;", "&quot;wordCount&quot;", "&quot;sources&quot;", "&quot;pipelineVersion&quot;"]
    order += ["&quot;libraries&quot;", "&quot;trafilatura&quot;", "&quot;bleach&quot;", "&quot;timings&quot;"]
    order += ["&quot;parseMs&quot;", "&quot;extractMs&quot;"]
    positions = [page.index(key) for key in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))


def test_cancel_and_recycle_actions(staff, xkey):
    queued, dead = submit(xkey, 1), submit(xkey, 2)
    Extraction.objects.filter(pk=dead).update(status=Status.DEAD, attempts=5)
    staff.post("/admin/extractor/extraction/", {"action": "cancel", "_selected_action": [queued]})
    job = Extraction.objects.get(pk=queued)
    assert (job.status, job.error_class) == (Status.CANCELLED, "cancelled_by_admin")
    staff.post("/admin/extractor/extraction/", {"action": "recycle", "_selected_action": [dead]})
    job = Extraction.objects.get(pk=dead)
    assert (job.status, job.attempts, job.recycle_count) == (Status.QUEUED, 0, 1)
    response = staff.post(
        "/admin/extractor/extraction/", {"action": "recycle", "_selected_action": [queued]}, follow=True
    )
    assert "Only dead extractions can be recycled." in response.content.decode()


def test_check_invariants(xkey, capsys):
    job_id = submit(xkey)
    services.extraction_run(job_id)
    call_command("check_invariants")
    assert "invariants ok" in capsys.readouterr().out
    Extraction.objects.filter(pk=job_id).update(data=None)
    with pytest.raises(CommandError):
        call_command("check_invariants")
