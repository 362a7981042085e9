"""Every terminal path of both job kinds calls the kind's `on_end` exactly once, in the transaction of the transition:
a killed worker (reaped, out of attempts), cancel racing finish, retries exhausted — and each periodic verb run twice.

The hook is observed through a spy that records each call and then runs the real hook (refunds, webhook events)."""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

import jobs
from billing.models import CreditEntry, LedgerKind
from billing.selectors import ledger_mismatches
from extractor import services as extractions
from extractor.models import Extraction, Status, WebhookDelivery
from tests.concurrency import run_concurrently
from tests.helpers import client_for, dispatch
from workflows import services as workflows
from workflows.models import JobStatus, WorkflowJob
from workflows.selectors import job_ledger_problems
from workflows.storage import job_prefix


@pytest.fixture
def spies(monkeypatch):
    """Wrap both kinds' `on_end` with a recorder: {kind name: [(pk, status), ...]}."""
    calls = {"workflows": [], "extractor": []}
    lock = threading.Lock()
    for name, module in (("workflows", workflows), ("extractor", extractions)):
        real = module.KIND.on_end

        def spy(job, status, real=real, name=name):
            with lock:
                calls[name].append((str(job.pk), str(status)))
            real(job, status)

        monkeypatch.setattr(module, "KIND", dataclasses.replace(module.KIND, on_end=spy))
    return calls


def refunds(job_id: str) -> int:
    return CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).count()


def extraction(tenant, n: int = 0, webhook: str = "http://127.0.0.1:9/hook") -> str:
    from extractor.api.views import validate_create

    body = {
        "type": "product",
        "format": "json",
        "content": {"name": f"Thing {n}", "price": "9.99"},
        "webhookUrl": webhook,
        "webhookEventTypes": ["done", "failed", "dead"],
    }
    return extractions.extraction_submit(tenant=tenant, body=validate_create(body)).extraction.pk


def expire(model, pk) -> None:
    model.objects.filter(pk=pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))


# --- a killed worker: the lease expires with no attempts left, the reaper (twice at once) ends the job ----------


@pytest.mark.django_db(transaction=True)
def test_killed_worker_out_of_attempts_ends_once(spies, make_tenant, settings):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    created = make_tenant("Reaped", credits=10)
    job_id = dispatch(client_for(created))
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=1)
    assert jobs.claim(workflows.KIND, job_id)  # ... and the worker dies
    expire(WorkflowJob, job_id)
    ext_id = extraction(created.tenant)
    Extraction.objects.filter(pk=ext_id).update(max_attempts=1)
    assert jobs.claim(extractions.KIND, ext_id)
    expire(Extraction, ext_id)

    run_concurrently(workflows.jobs_reap)
    run_concurrently(extractions.extractions_reap)

    assert spies["workflows"] == [(job_id, JobStatus.DEAD_LETTER)]
    assert spies["extractor"] == [(ext_id, Status.DEAD)]
    assert WorkflowJob.objects.get(pk=job_id).error["type"] == "worker_lost" and refunds(job_id) == 1
    assert list(WebhookDelivery.objects.filter(extraction_id=ext_id).values_list("event", flat=True)) == ["dead"]
    assert ledger_mismatches() == [] and job_ledger_problems() == []


# --- cancel racing the worker's finish: one of them wins, the hook runs once, for the winner -----------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["workflows", "extractor"])
def test_cancel_racing_finish_ends_once(spies, make_tenant, kind, settings):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    created = make_tenant("Racer", credits=50)
    outcomes = set()
    for round_ in range(8):
        if kind == "workflows":
            job_id = dispatch(client_for(created))
            lease = jobs.claim(workflows.KIND, job_id)

            def finish(lease=lease):
                return jobs.finish(workflows.KIND, lease, JobStatus.COMPLETED, result={"items": []})

            def cancel(job_id=job_id):
                try:
                    return workflows.job_cancel(job_id=job_id).status
                except Exception:  # noqa: BLE001 - Conflict: the finish won
                    return None
        else:
            job_id = extraction(created.tenant, round_)
            lease = jobs.claim(extractions.KIND, job_id)

            def finish(lease=lease):
                return jobs.finish(extractions.KIND, lease, Status.DONE, data={}, metadata={})

            def cancel(job_id=job_id):
                try:
                    return extractions.extraction_cancel(extraction_id=job_id).status
                except Exception:  # noqa: BLE001 - Conflict: the finish won
                    return None

        barrier = threading.Barrier(2)
        results = {}

        def run(name, fn, barrier=barrier, results=results):
            try:
                barrier.wait()
                results[name] = fn()
            finally:
                connection.close()

        threads = [
            threading.Thread(target=run, args=("finish", finish)),
            threading.Thread(target=run, args=("cancel", cancel)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        calls = [c for c in spies[kind] if c[0] == str(job_id)]
        assert len(calls) == 1, calls
        status = calls[0][1]
        outcomes.add(status)
        model = WorkflowJob if kind == "workflows" else Extraction
        assert model.objects.get(pk=job_id).status == status
        assert bool(results["finish"]) == (status in (JobStatus.COMPLETED, Status.DONE))
        if kind == "workflows":
            assert refunds(job_id) == (0 if status == JobStatus.COMPLETED else 1)
        else:  # a cancelled extraction sends no event; a done one sends `done`
            events = list(WebhookDelivery.objects.filter(extraction_id=job_id).values_list("event", flat=True))
            assert events == ([] if status == Status.CANCELLED else ["done"])
    assert outcomes  # at least one round ran; which side wins each round is up to the scheduler
    assert ledger_mismatches() == [] and job_ledger_problems() == []


# --- retries exhausted: the last retryable failure ends the job once ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_retries_exhausted_end_once(spies, make_tenant, settings):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    created = make_tenant("Retried", credits=10)
    job_id = dispatch(client_for(created))
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=2)
    for expected in (JobStatus.NOT_STARTED, JobStatus.DEAD_LETTER):
        WorkflowJob.objects.filter(pk=job_id).update(available_at=timezone.now())
        lease = jobs.claim(workflows.KIND, job_id)
        assert workflows._retry_or_dead(lease, "studio_error", "Studio answered 503") == expected
    ext_id = extraction(created.tenant)
    Extraction.objects.filter(pk=ext_id).update(max_attempts=2)
    for expected in (Status.QUEUED, Status.DEAD):
        Extraction.objects.filter(pk=ext_id).update(available_at=timezone.now())
        lease = jobs.claim(extractions.KIND, ext_id)
        assert extractions._retry(lease, "llm_timeout", "The LLM timed out.") == expected

    # a late second report of the same failure (a duplicate message, a lost lease) changes nothing
    assert (
        workflows._retry_or_dead(lease=jobs.Lease(job_id, "gone", 2, 2), error_type="studio_error", message="x") is None
    )
    assert extractions._retry(jobs.Lease(ext_id, "gone", 2, 2), "llm_timeout", "x") is None
    run_concurrently(workflows.jobs_reap)
    run_concurrently(extractions.extractions_reap)

    assert spies["workflows"] == [(job_id, JobStatus.DEAD_LETTER)]
    assert spies["extractor"] == [(ext_id, Status.DEAD)]
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.error["type"] == "retries_exhausted" and refunds(job_id) == 1
    assert Extraction.objects.get(pk=ext_id).finished_at is not None
    assert ledger_mismatches() == [] and job_ledger_problems() == []


# --- a job that ends without COMPLETED leaves no files a tenant can fetch (issue 11, item 8) ------------------


@pytest.mark.django_db(transaction=True)
def test_cancel_after_a_worker_crash_deletes_partial_cutouts(spies, make_tenant):
    created = make_tenant("Crashed", credits=10)
    job_id = dispatch(client_for(created))
    assert jobs.claim(workflows.KIND, job_id)
    prefix = job_prefix(created.tenant.pk, job_id)
    partial = [
        default_storage.save(f"{prefix}items/0.png", ContentFile(b"partial cut-out")),
        default_storage.save(f"{prefix}items/0-mask.png", ContentFile(b"partial mask")),
    ]
    # the worker dies here, mid-run; the tenant gives up and cancels
    response = client_for(created).post(f"/v1/requests/{job_id}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "CANCELLED"
    assert [default_storage.exists(key) for key in partial] == [False, False]
    assert spies["workflows"] == [(job_id, JobStatus.CANCELLED)] and refunds(job_id) == 1
    # the dead worker's lease is gone: nothing it could still write would be recorded
    expire(WorkflowJob, job_id)
    assert workflows.jobs_reap() == {"requeued": [], "dead": []}
