"""Fault injection with real processes: real Celery worker subprocesses, real Redis, real PostgreSQL.

Jobs are never lost and never done twice; webhooks fire once per event with a stable id."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time

import pytest
from rest_framework.test import APIClient

from billing import services as billing
from config.celery import app
from extractor import services
from extractor.models import Extraction, Status, WebhookDelivery
from tests.concurrency import run_concurrently
from tests.helpers import free_port
from tests.servers import Recorder
from tests.workers import use_broker, wait_for

URL = "/v1/extractor/extractions"
ALLOW_LOCAL = "127.0.0.0/8"


def llm_answer(content: dict):
    """A Recorder payload answering every key the request's schema asks for (null unless in ``content``)."""

    def build(request: dict) -> dict:
        keys = request["response_format"]["json_schema"]["schema"]["properties"]
        text = json.dumps({key: content.get(key) for key in keys})
        return {
            "choices": [{"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        }

    return build


def article(n: int = 1, **extra) -> dict:
    return {
        "type": "article",
        "content": f"<html><body><article><h1>Story {n}</h1><p>Body text number {n} for this test.</p></article></body></html>",
        **extra,
    }


@pytest.fixture
def client_(transactional_db, settings):
    settings.UNSAFE_URL_ALLOWLIST = [ALLOW_LOCAL]
    created = billing.tenant_create(name="Delivery")
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=created.issued.raw)
    client.tenant = created.tenant
    return client


def status_of(job_id: str) -> str:
    return Extraction.objects.values_list("status", flat=True).get(pk=job_id)


def test_worker_runs_a_queued_job_and_fires_one_webhook(client_, start_worker):
    with Recorder() as receiver:
        start_worker("w1", UNSAFE_URL_ALLOWLIST=ALLOW_LOCAL)
        job_id = client_.post(URL, article(webhookUrl=receiver.url + "/hook"), format="json").json()["data"]["id"]
        wait_for(lambda: status_of(job_id) == Status.DONE)
        wait_for(lambda: receiver.requests)
        time.sleep(0.5)
    assert len(receiver.requests) == 1
    event = json.loads(receiver.requests[0]["body"])
    assert event["type"] == "extraction.done" and event["data"]["id"] == job_id and event["data"]["status"] == "done"
    assert receiver.requests[0]["headers"]["webhook-id"] == WebhookDelivery.objects.get().id


def test_sigkill_mid_extraction_is_claimed_again_and_done_once(client_, start_worker, settings):
    settings.LLM_BASE_URL = "http://127.0.0.1:9"  # the test process never calls it; the workers get the fake
    answers = [(200, llm_answer({"tags": ["slow"]}), 30.0, {})]  # the first call hangs: the worker dies in it
    with Recorder(answers, default=(200, llm_answer({"tags": ["fast"]}), 0.0, {})) as llm, Recorder() as receiver:
        env = dict(LLM_BASE_URL=llm.url + "/v1", EXTRACTION_LEASE_SECONDS=2, UNSAFE_URL_ALLOWLIST=ALLOW_LOCAL)
        first = start_worker("victim", **env)
        body = article(webhookUrl=receiver.url + "/hook", options={"useLlm": True})
        job_id = client_.post(URL, body, format="json").json()["data"]["id"]
        wait_for(lambda: llm.requests)  # the worker is inside the LLM call
        assert status_of(job_id) == Status.CLAIMED
        first.kill()
        start_worker("rescuer", **env)
        # the lease (2 s) runs out; the reaper (beat's job, run here) queues it again
        wait_for(lambda: services.extractions_reap()["requeued"], timeout=15)
        wait_for(lambda: status_of(job_id) == Status.DONE, timeout=30)
        wait_for(lambda: receiver.requests)
        time.sleep(1)
    job = Extraction.objects.get(pk=job_id)
    assert job.attempts == 2 and job.data["tags"] == ["fast"]
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.filter(extraction_id=job_id, event="done").count() == 1


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_broker_down_at_submit_then_sweeper_runs_it(client_, start_worker, settings):
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"

    def redis_server():
        return subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
        )

    server = redis_server()
    old = app.conf.broker_url
    try:
        wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, timeout=10)
        start_worker("w-private", REDIS_URL=broker)
        server.terminate()
        server.wait(5)
        use_broker(broker)
        started = time.time()
        response = client_.post(URL, article(), format="json")
        assert response.status_code == 202 and time.time() - started < 10
        job_id = response.json()["data"]["id"]
        assert Extraction.objects.get(pk=job_id).enqueued_at is None  # the message was lost
        server = redis_server()
        wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, timeout=10)
        Extraction.objects.filter(pk=job_id).update(
            available_at=Extraction.objects.get(pk=job_id).created_at.replace(year=2000)
        )
        use_broker(broker)
        assert services.extractions_sweep() == [job_id]
        wait_for(lambda: status_of(job_id) == Status.DONE, timeout=40)
    finally:
        use_broker(old)
        server.kill()


def test_same_message_twice_runs_once(client_, start_worker):
    with Recorder() as receiver:
        job_id = client_.post(URL, article(webhookUrl=receiver.url + "/h"), format="json").json()["data"]["id"]
        for _ in range(3):
            app.send_task("extractor.run_extraction", args=[job_id], queue="extract")
        start_worker("w1", UNSAFE_URL_ALLOWLIST=ALLOW_LOCAL)
        wait_for(lambda: status_of(job_id) == Status.DONE)
        wait_for(lambda: receiver.requests)
        time.sleep(1.5)
    assert Extraction.objects.get(pk=job_id).attempts == 1
    assert len(receiver.requests) == 1


def test_worker_finishing_after_cancel_leaves_it_cancelled(client_, start_worker, settings):
    settings.LLM_BASE_URL = "http://127.0.0.1:9"
    with Recorder(default=(200, llm_answer({"tags": ["late"]}), 3.0, {})) as llm, Recorder() as receiver:
        start_worker("w1", LLM_BASE_URL=llm.url + "/v1", UNSAFE_URL_ALLOWLIST=ALLOW_LOCAL)
        body = article(
            webhookUrl=receiver.url + "/h", webhookEventTypes=["done", "failed", "dead"], options={"useLlm": True}
        )
        job_id = client_.post(URL, body, format="json").json()["data"]["id"]
        wait_for(lambda: llm.requests)
        assert client_.post(f"{URL}/{job_id}/cancel").json()["data"]["status"] == "cancelled"
        time.sleep(4.5)  # the worker's LLM answer arrives and its write is refused
    job = Extraction.objects.get(pk=job_id)
    assert job.status == Status.CANCELLED and job.data is None
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_periodic_jobs_twice_at_once_equal_once(client_, redis_broker):
    from datetime import timedelta

    from django.utils import timezone

    from extractor.tasks import expire_cache, purge_idempotency_keys
    from webhooks import delivery as webhook_delivery

    ids = [client_.post(URL, article(n), format="json").json()["data"]["id"] for n in range(6)]
    past = timezone.now() - timedelta(minutes=5)
    # two expired leases (one with attempts left, one out of attempts), three stale queued rows, one expired done row
    Extraction.objects.filter(pk=ids[0]).update(
        status=Status.CLAIMED, lease_token="x", lease_expires_at=past, attempts=1
    )
    Extraction.objects.filter(pk=ids[1]).update(
        status=Status.CLAIMED, lease_token="y", lease_expires_at=past, attempts=5
    )
    Extraction.objects.filter(pk__in=ids[2:5]).update(available_at=past, enqueued_at=None)
    Extraction.objects.filter(pk=ids[5]).update(status=Status.DONE, finished_at=past, expires_at=past)
    redis_broker.delete("extract")

    reaped = run_concurrently(services.extractions_reap)
    assert sorted(sum((r["requeued"] for r in reaped), [])) == [ids[0]]
    assert sorted(sum((r["dead"] for r in reaped), [])) == [ids[1]]
    job0, job1 = Extraction.objects.get(pk=ids[0]), Extraction.objects.get(pk=ids[1])
    assert (job0.status, job0.attempts) == (Status.QUEUED, 1) and "lost" in job0.error_message
    assert job1.status == Status.DEAD

    Extraction.objects.filter(pk=ids[0]).update(available_at=past, enqueued_at=past)
    redis_broker.delete("extract")
    swept = run_concurrently(services.extractions_sweep)
    assert sorted(set(sum(swept, []))) == sorted([ids[0], *ids[2:5]])
    assert redis_broker.llen("extract") == 4  # one message per row, not two

    run_concurrently(expire_cache)
    assert Extraction.objects.get(pk=ids[5]).input_key == ""
    run_concurrently(purge_idempotency_keys)
    run_concurrently(webhook_delivery.deliveries_retry_due)


@pytest.mark.django_db
def test_a_lost_stash_fails_the_job_once_with_its_class():
    from extractor.api.views import validate_create

    tenant = billing.tenant_create(name="Lost").tenant
    submission = services.extraction_submit(
        tenant=tenant, body=validate_create({"type": "article", "content": "<h1>Gone</h1><p>text</p>"})
    )
    services.stash_delete(submission.extraction.input_key)
    assert services.extraction_run(submission.extraction.pk) == "failed"
    job = Extraction.objects.get(pk=submission.extraction.pk)
    assert (job.status, job.error_class, job.attempts) == ("failed", "input_stash_lost", 1)


def test_a_megabyte_paragraph_of_escaped_tags_is_extracted_within_the_job_time_limit(client_, start_worker):
    """Markdown whose raw HTML is neutralised becomes one paragraph of entities (`&lt;div&gt;` 200,000 times). The
    served `html` of a text document was cleaned by bleach, whose tree builder joins a text node's pieces one at a
    time: 48 s of a worker for this 1 MB, so the job outlived a 30 s limit, was retried and ended `dead`. The
    fragment the pipeline renders from escaped text now goes through the output allow-list's checked fast path."""
    content = "<div>" * 200_000
    created = client_.post(URL, {"type": "article", "format": "markdown", "content": content}, format="json")
    assert created.status_code == 202, created.content
    job_id = created.json()["data"]["id"]
    start_worker("w1", CELERY_SOFT_TIME_LIMIT=30, CELERY_HARD_TIME_LIMIT=40)
    wait_for(lambda: status_of(job_id) in (Status.DONE, Status.FAILED, Status.DEAD), timeout=60)
    assert status_of(job_id) == Status.DONE
    data = client_.get(f"{URL}/{job_id}").json()["data"]["data"]
    assert data["html"] == "<p>" + "&lt;div&gt;" * 200_000 + "</p>"
    assert data["text"] == content
