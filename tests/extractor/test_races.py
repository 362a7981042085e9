"""Races on real PostgreSQL and Redis: concurrent identical submissions, idempotency, rate limits."""

from __future__ import annotations

import multiprocessing

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from billing import services as billing
from extractor.models import Extraction
from tests.concurrency import run_concurrently
from tests.ratelimit_hammer import hammer

URL = "/v1/extractor/extractions"
BODY = {"type": "article", "content": "<h1>Same</h1><p>Identical submissions race each other here.</p>"}


@pytest.fixture
def raw_key(transactional_db):
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("races need PostgreSQL's row locking (make test and CI use it)")
    plan = billing.plan_create(name="race", requests_per_minute=10**6)
    return billing.tenant_create(name="Race", plan=plan).issued.raw


def client_for(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)
    return client


def test_concurrent_identical_submissions_make_one_job(raw_key):
    responses = run_concurrently(lambda: client_for(raw_key).post(URL, BODY, format="json"), 8)
    assert {r.status_code for r in responses} == {202}
    assert len({r.json()["data"]["id"] for r in responses}) == 1
    assert Extraction.objects.count() == 1


def test_concurrent_identical_bulk_requests_make_one_job_per_page(raw_key, redis_broker):
    """Each request writes its new jobs with one INSERT that leaves out a row an identical job in flight refuses: the
    items of the requests that lost go round again and are answered with the winner's jobs, whose messages alone
    were sent."""
    items = [{**BODY, "content": f"<h1>Page {n}</h1><p>Identical bulk requests race each other.</p>"} for n in range(4)]
    responses = run_concurrently(lambda: client_for(raw_key).post(f"{URL}/bulk", {"items": items}, format="json"), 6)
    answers = [[(item["status"], item["data"]["id"]) for item in r.json()["data"]] for r in responses]
    assert all(answer == answers[0] for answer in answers), answers
    assert {status for status, _ in answers[0]} == {202} and len({pk for _, pk in answers[0]}) == 4
    assert Extraction.objects.count() == 4
    assert redis_broker.llen("extract") == 4


def test_joining_an_inflight_job_while_it_finishes_never_loses_a_webhook(raw_key, settings):
    """Submissions that join a job race the job's own end: every caller answered with that job's id has a delivery
    of its terminal event at its own endpoint (the others were answered with a new job)."""
    from extractor import services
    from extractor.models import WebhookDelivery

    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    body = {"type": "product", "format": "json", "content": {"description": "nothing to sell"}}
    first = (
        client_for(raw_key)
        .post(URL, {**body, "webhookUrl": "http://127.0.0.1:9/hook/first"}, format="json")
        .json()["data"]["id"]
    )
    counter = iter(range(100))

    def act():
        n = next(counter)
        if n == 0:
            return services.extraction_run(first)
        url = f"http://127.0.0.1:9/hook/{n}"
        return url, client_for(raw_key).post(URL, {**body, "webhookUrl": url}, format="json")

    results = run_concurrently(act, 7)
    joined = [
        url for url, response in (r for r in results if isinstance(r, tuple)) if response.json()["data"]["id"] == first
    ]
    delivered = set(WebhookDelivery.objects.filter(extraction_id=first, event="failed").values_list("url", flat=True))
    assert Extraction.objects.get(pk=first).status == "failed"
    assert delivered == {"http://127.0.0.1:9/hook/first", *joined}


def test_a_join_that_waits_for_the_finishing_job_is_served_its_result(raw_key, settings):
    """Forced interleaving: the job's finishing transaction holds the row lock while an identical submission with a
    webhook tries to join; once `done` commits, the submission is a cache hit on that job — no second job."""
    import threading
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from extractor import services
    from extractor.api.views import validate_create

    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    first = client_for(raw_key).post(URL, BODY, format="json").json()["data"]["id"]
    job = Extraction.objects.get(pk=first)
    locked, release = threading.Event(), threading.Event()

    def finish():
        try:
            with transaction.atomic():
                now = timezone.now()
                Extraction.objects.filter(pk=first).update(
                    status="done", data={"title": "Same"}, finished_at=now, expires_at=now + timedelta(hours=1)
                )
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    finisher = threading.Thread(target=finish)
    finisher.start()
    locked.wait(10)
    result = {}

    def submit():
        try:
            body = validate_create({**BODY, "webhookUrl": "http://127.0.0.1:9/late"})
            result["submission"] = services.extraction_submit(tenant=job.tenant, body=body)
        finally:
            connection.close()

    joiner = threading.Thread(target=submit)
    joiner.start()
    joiner.join(1.0)
    assert joiner.is_alive()  # waiting for the finishing transaction's row lock
    release.set()
    finisher.join(10)
    joiner.join(10)
    submission = result["submission"]
    assert submission.cache_hit and submission.extraction.pk == first
    assert Extraction.objects.count() == 1


def test_concurrent_requests_with_one_idempotency_key(raw_key):
    responses = run_concurrently(
        lambda: client_for(raw_key).post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="same-key"), 6
    )
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {202, 409}
    winners = [r for r in responses if r.status_code == 202]
    assert winners and len({r.json()["data"]["id"] for r in winners}) == 1
    for loser in (r for r in responses if r.status_code == 409):
        assert loser.json()["code"] == "idempotency_in_progress"
    assert Extraction.objects.count() == 1
    replay = client_for(raw_key).post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="same-key")
    assert replay.status_code == 202 and replay["Idempotent-Replayed"] == "true"


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_rate_limit_is_exact_across_two_processes():
    import uuid

    bucket, limit = f"race-{uuid.uuid4().hex}", 150
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=hammer, args=(bucket, limit, 200, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    # Generous: two spawned interpreters import Django first, which takes long on a loaded machine.
    allowed = queue.get(timeout=240) + queue.get(timeout=240)
    for p in procs:
        p.join(30)
    assert allowed == limit  # 400 attempts, exactly `limit` allowed: no read-modify-write race
