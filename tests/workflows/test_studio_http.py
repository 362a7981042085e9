"""The `http` Studio backend against a fake Studio served by a real local HTTP server: submit, polling
from the database, 5xx, timeouts, FAILED / TIMED_OUT / CANCELLED, a job that never finishes, cancel."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from billing.models import CreditEntry, LedgerKind
from billing.selectors import ledger_mismatches
from tests.helpers import dispatch
from tests.servers import FakeStudio
from workflows import services, tasks
from workflows.models import WorkflowJob
from workflows.selectors import job_ledger_problems
from workflows.studio.base import StudioError, Submission
from workflows.studio.http import HttpStudio

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio(settings, tmp_path):
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    fake = FakeStudio().start()
    settings.STUDIO_BACKEND = "http"
    settings.STUDIO_URL = fake.url
    settings.STUDIO_TOKEN = "studio-secret"
    settings.STUDIO_CONNECT_TIMEOUT = 0.5
    settings.STUDIO_READ_TIMEOUT = 0.3
    settings.STUDIO_RETRIES = 2
    settings.STUDIO_RETRY_BACKOFF = 0.01
    settings.STUDIO_POLL_INTERVAL = 5
    settings.STUDIO_MAX_POLL_FAILURES = 3
    yield fake
    fake.close()


def make_due(job_id: str):
    WorkflowJob.objects.filter(pk=job_id).update(next_poll_at=timezone.now() - timedelta(seconds=1))


def refunds(job_id: str) -> int:
    return CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).count()


def assert_consistent():
    assert ledger_mismatches() == [] and job_ledger_problems() == []


def assert_failed(bearer, job_id, status, error_type):
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.status, job.error["type"]) == (status, error_type), job.error
    assert refunds(job_id) == 1 and services.job_refund(job_id=job_id, reason="again") is None
    bearer.tenant.refresh_from_db()
    assert bearer.tenant.credit_balance == 10
    assert_consistent()
    return job


def test_submit_then_poll_to_completion(bearer, studio):
    job_id = dispatch(bearer, runtime_config={"priority": 3, "timeout_seconds": 60})
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.studio_job_id == f"st-{job_id}" and job.lease_token == "" and job.lease_expires_at is None
    assert job.next_poll_at > timezone.now() and job.deadline_at > timezone.now() + timedelta(seconds=50)
    method, path, headers, body = studio.calls[0]
    assert (method, path) == ("POST", "/v1/jobs")
    assert headers["Idempotency-Key"] == job_id and headers["Authorization"] == "Bearer studio-secret"
    assert body == {
        "type": "extract-trial-items",
        "input": {**job.input, "trial_image": f"tenants/{bearer.tenant.pk}/jobs/{job_id}/input/trial.jpg"},
        "output_prefix": f"tenants/{bearer.tenant.pk}/jobs/{job_id}/",
        "timeout_seconds": 60,
        "priority": 3,
        "client_ref": job_id,
    }
    assert tasks.poll_studio() == []  # not due yet

    studio.jobs[job.studio_job_id].update(status="IN_PROGRESS", progress=0.5)
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    assert tasks.poll_studio() == []  # polled: the next poll is scheduled in the database
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.status, job.progress) == ("IN_PROGRESS", 0.5)
    assert bearer.get(f"/v1/requests/{job_id}").json()["status"] == "IN_PROGRESS"

    studio.complete(job.studio_job_id)
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    body = bearer.get(f"/v1/requests/{job_id}").json()
    assert body["status"] == "COMPLETED" and body["credits_refunded"] == 0
    assert body["result"]["items"][0] | {"image_url": None} == {
        "label": "top",
        "score": 0.93,
        "bbox": {"x": 5, "y": 6, "width": 20, "height": 30},
        "image_key": f"tenants/{bearer.tenant.pk}/jobs/{job_id}/items/0-top.png",
        "mask_key": f"tenants/{bearer.tenant.pk}/jobs/{job_id}/items/0-top-mask.png",
        "image_url": None,
    }
    assert bearer.get(body["result"]["items"][0]["image_url"]).status_code == 200
    assert refunds(job_id) == 0
    assert_consistent()


def test_submit_5xx_then_success_is_retried_with_the_same_idempotency_key(bearer, studio):
    studio.submit_script = [(503,), (500,), ("ok",)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    posts = [c for c in studio.calls if c[0] == "POST"]
    assert len(posts) == 3 and {c[2]["Idempotency-Key"] for c in posts} == {job_id}


def test_submit_5xx_every_time_requeues_then_dead_letters_with_one_refund(bearer, studio):
    studio.submit_script = [(502,)]
    job_id = dispatch(bearer)
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=2)
    assert tasks.run_job(job_id) == "NOT_STARTED"
    assert len(studio.calls) == 3  # 1 + STUDIO_RETRIES, then the job goes back to the queue
    assert refunds(job_id) == 0
    WorkflowJob.objects.filter(pk=job_id).update(available_at=timezone.now())
    assert tasks.run_job(job_id) == "DEAD_LETTER"
    job = assert_failed(bearer, job_id, "DEAD_LETTER", "retries_exhausted")
    assert "502" in job.error["message"]


def test_submit_refused_4xx_fails_at_once(bearer, studio):
    studio.submit_script = [(400,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "FAILED"
    assert len(studio.calls) == 1
    assert_failed(bearer, job_id, "FAILED", "studio_error")


def test_submit_timeout_is_retryable(bearer, studio, settings):
    settings.STUDIO_RETRIES = 0
    studio.submit_script = [("sleep", 4.0)]
    job_id = dispatch(bearer)
    started = time.monotonic()
    assert tasks.run_job(job_id) == "NOT_STARTED"
    assert time.monotonic() - started < 3.0  # gave up on its own deadline, long before the Studio answered
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.error["type"] == "studio_error" and "timed out" in job.error["message"]
    assert refunds(job_id) == 0


@pytest.mark.parametrize(
    "studio_state, status, error_type",
    [
        (
            {"status": "FAILED", "error": {"type": "no_items_found", "message": "nobody there"}},
            "FAILED",
            "no_items_found",
        ),
        ({"status": "FAILED", "error": {"type": "gpu_oom", "message": "out of memory"}}, "FAILED", "studio_error"),
        ({"status": "TIMED_OUT", "error": {"type": "timeout", "message": "took too long"}}, "FAILED", "studio_timeout"),
        ({"status": "CANCELLED"}, "CANCELLED", "cancelled"),
    ],
)
def test_studio_terminal_failures_refund_once(bearer, studio, studio_state, status, error_type):
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    studio.jobs[f"st-{job_id}"].update(studio_state)
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    job = assert_failed(bearer, job_id, status, error_type)
    if "error" in studio_state:
        assert job.error["message"] == studio_state["error"]["message"]
    make_due(job_id)
    assert tasks.poll_studio() == []  # finished jobs are not polled


def test_a_job_that_never_finishes_times_out_refunds_and_is_cancelled_at_studio(bearer, studio):
    job_id = dispatch(bearer, runtime_config={"timeout_seconds": 10})
    tasks.run_job(job_id)
    studio.jobs[f"st-{job_id}"]["status"] = "IN_PROGRESS"
    make_due(job_id)
    tasks.poll_studio()
    assert WorkflowJob.objects.get(pk=job_id).status == "IN_PROGRESS"
    WorkflowJob.objects.filter(pk=job_id).update(deadline_at=timezone.now() - timedelta(seconds=1))
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    job = assert_failed(bearer, job_id, "FAILED", "studio_timeout")
    assert job.error["message"].startswith("Studio did not finish within")
    assert ("POST", f"/v1/jobs/st-{job_id}/cancel") in [(c[0], c[1]) for c in studio.calls]


def test_poll_5xx_backs_off_then_fails_after_the_bound(bearer, studio, settings):
    settings.STUDIO_RETRIES = 0
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    studio.status_script = [(500,)]
    for failures in (1, 2):
        make_due(job_id)
        before = timezone.now()
        assert tasks.poll_studio() == [job_id]
        job = WorkflowJob.objects.get(pk=job_id)
        assert (job.status, job.poll_failures) == ("IN_PROGRESS", failures)
        assert job.next_poll_at >= before + timedelta(seconds=5 * 2**failures - 1)
        assert refunds(job_id) == 0
    make_due(job_id)
    tasks.poll_studio()
    assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert ("POST", f"/v1/jobs/st-{job_id}/cancel") in [(c[0], c[1]) for c in studio.calls]


def test_poll_recovers_after_a_transient_error(bearer, studio, settings):
    settings.STUDIO_RETRIES = 0
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    studio.status_script = [(503,), ("ok",)]
    make_due(job_id)
    tasks.poll_studio()
    assert WorkflowJob.objects.get(pk=job_id).poll_failures == 1
    studio.complete(f"st-{job_id}")
    make_due(job_id)
    tasks.poll_studio()
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.status, job.poll_failures) == ("COMPLETED", 0)


def test_tenant_cancel_of_a_remote_job_refunds_and_tells_studio(bearer, studio):
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    response = bearer.post(f"/v1/requests/{job_id}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "CANCELLED"
    assert ("POST", f"/v1/jobs/st-{job_id}/cancel") not in [(c[0], c[1]) for c in studio.calls]  # not in the request
    assert tasks.cancel_remote_runs() == [job_id]  # beat's sweeper tells Studio
    assert ("POST", f"/v1/jobs/st-{job_id}/cancel") in [(c[0], c[1]) for c in studio.calls]
    assert_failed(bearer, job_id, "CANCELLED", "cancelled")
    # Studio finishes anyway: the late result is ignored.
    studio.complete(f"st-{job_id}")
    make_due(job_id)
    assert tasks.poll_studio() == []
    assert WorkflowJob.objects.get(pk=job_id).status == "CANCELLED"


def test_a_result_pointing_outside_the_job_prefix_is_refused(bearer, studio, make_tenant):
    other = make_tenant("Other")
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    studio.complete(f"st-{job_id}", prefix=f"tenants/{other.tenant.pk}/uploads/")
    make_due(job_id)
    tasks.poll_studio()
    job = assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert job.error["message"] == (
        "Studio returned a malformed result: item 0: image_key must name a PNG under the job's output prefix."
    )


@pytest.mark.parametrize(
    "result, error_type",
    [
        ({"items": []}, "no_items_found"),
        ({"items": [{"label": "top", "score": "high", "bbox": {}, "image_key": "k", "mask_key": "k"}]}, "studio_error"),
        ({"items": "none"}, "studio_error"),
    ],
)
def test_completed_without_usable_items_is_refunded(bearer, studio, result, error_type):
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    prefix = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/"
    for item in result["items"] if isinstance(result["items"], list) else []:
        item["image_key"] = item["mask_key"] = prefix + "items/0.png"
    studio.jobs[f"st-{job_id}"].update(status="COMPLETED", result=result)
    make_due(job_id)
    tasks.poll_studio()
    assert_failed(bearer, job_id, "FAILED", error_type)


def test_an_unknown_status_is_a_permanent_error(bearer, studio):
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    studio.jobs[f"st-{job_id}"]["status"] = "EXPLODED"
    make_due(job_id)
    tasks.poll_studio()
    assert_failed(bearer, job_id, "FAILED", "studio_error")


def test_client_contract_directly(studio):
    client = HttpStudio(studio.url, token="t", connect_timeout=0.5, read_timeout=0.3, retries=1, backoff=0.01)
    submission = Submission(
        job_id="J1", job_type="extract-trial-items", input={}, output_prefix="tenants/1/jobs/J1/", timeout_seconds=30
    )
    first = client.submit(submission)
    again = client.submit(submission)  # idempotent on our job id
    assert first.job_id == again.job_id == "st-J1" and first.status.value == "NOT_STARTED"
    assert client.status("st-J1").status.value == "NOT_STARTED"
    assert client.result("st-J1") is None
    client.cancel("st-J1")
    assert client.status("st-J1").status.value == "CANCELLED"
    with pytest.raises(StudioError) as missing:
        client.status("nope")
    assert missing.value.permanent and missing.value.status_code == 404
    studio.status_script = [("sleep", 1.0)]
    with pytest.raises(StudioError) as slow:
        client.status("st-J1")
    assert not slow.value.permanent
    with pytest.raises(StudioError) as unconfigured:
        HttpStudio("")
    assert unconfigured.value.permanent


@pytest.mark.django_db(transaction=True)
def test_two_pollers_at_once_poll_each_job_once(make_tenant, studio):
    from django.db import connection

    created = make_tenant("Pollers", credits=10)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    client.tenant = created.tenant
    job_ids = [dispatch(client) for _ in range(3)]
    for job_id in job_ids:
        tasks.run_job(job_id)
        make_due(job_id)
    studio.calls.clear()
    barrier = threading.Barrier(2)
    polled: list[list] = []

    def poller():
        try:
            barrier.wait()
            polled.append(tasks.poll_studio())
        finally:
            connection.close()

    threads = [threading.Thread(target=poller) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(polled[0] + polled[1]) == sorted(job_ids)
    gets = [c[1] for c in studio.calls if c[0] == "GET"]
    assert sorted(gets) == sorted(f"/v1/jobs/st-{job_id}" for job_id in job_ids)


def test_a_hanging_studio_cannot_hold_the_poller_past_its_budget(bearer, studio):
    """Each poll of a Studio that never answers costs its timeouts; one run stops taking jobs after its budget and
    leaves the rest due for the next run."""
    from django.db.models import Q

    ids = [dispatch(bearer) for _ in range(4)]
    for job_id in ids:
        tasks.run_job(job_id)
        make_due(job_id)
    studio.status_script = [("sleep", 1.0)]
    started = time.monotonic()
    polled = services.studio_poll_due(budget_seconds=0.5)
    assert 1 <= len(polled) < len(ids)
    assert time.monotonic() - started < 0.5 + 3 * 1.5  # at most the job in hand finishes after the budget
    left = [pk for pk in ids if pk not in polled]
    assert WorkflowJob.objects.filter(pk__in=left).filter(Q(next_poll_at__lte=timezone.now())).count() == len(left)


def test_periodic_messages_expire_after_their_interval():
    from config.celery import app

    for entry in app.conf.beat_schedule.values():
        assert entry["options"]["expires"] == entry["schedule"]


def test_a_staff_retry_of_a_dead_job_starts_a_new_studio_run(bearer, studio, settings):
    """The first run died (refunded); the retry must not be deduplicated onto it by Studio's idempotency key."""
    settings.STUDIO_MAX_POLL_FAILURES = 1
    job_id = dispatch(bearer)
    tasks.run_job(job_id)
    WorkflowJob.objects.filter(pk=job_id).update(status="DEAD_LETTER", finished_at=timezone.now())
    services.job_refund(job_id=job_id, reason="died")
    services.job_retry_dead(job_id=job_id)
    tasks.run_job(job_id)
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.status, job.staff_retries, job.studio_job_id) == ("IN_PROGRESS", 1, f"st-{job_id}.retry1")
    keys = [c[2]["Idempotency-Key"] for c in studio.calls if (c[0], c[1]) == ("POST", "/v1/jobs")]
    assert keys == [job_id, f"{job_id}.retry1"]
    studio.complete(job.studio_job_id)
    make_due(job_id)
    tasks.poll_studio()
    assert WorkflowJob.objects.get(pk=job_id).status == "COMPLETED"
    assert job_ledger_problems() == [] and ledger_mismatches() == []
