"""A bulk request's new jobs: one INSERT, their messages in one Redis pipeline, and a message Redis refuses loses
nothing (issue 15). Real PostgreSQL, real Redis (behind a real proxy that spoils one command), a real worker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from billing import services as billing
from config.celery import app
from extractor import services
from extractor.models import Extraction, Status
from tests.servers import RedisProxy
from tests.workers import use_broker, wait_for

BULK = "/v1/extractor/extractions/bulk"


def article(n: int) -> dict:
    return {"type": "article", "content": f"<html><body><article><h1>Story {n}</h1><p>Body {n}.</p></article></body>"}


def post_through_proxy(client, spoil, items: list[dict]) -> list[dict]:
    """The bulk request with this process's broker behind a `RedisProxy` that spoils what `spoil` picks."""
    old = app.conf.broker_url
    with RedisProxy(settings.REDIS_URL, spoil) as proxy:
        use_broker(proxy.url)
        try:
            response = client.post(BULK, {"items": items}, format="json")
        finally:
            use_broker(old)  # and the breaker closed again
    return response.json()["data"]


@pytest.fixture
def client_(transactional_db, redis_broker):
    created = billing.tenant_create(name="Bulk messages")
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=created.issued.raw)
    return client


def test_new_jobs_are_one_insert_and_one_pipeline_of_messages(client_, redis_broker, monkeypatch):
    import redis.connection

    packets = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        packed = b"".join(command) if isinstance(command, list) else command
        if b"\r\nLPUSH\r\n" in bytes(packed):
            packets.append(bytes(packed).count(b"\r\nLPUSH\r\n"))
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    with CaptureQueriesContext(connection) as queries:
        response = client_.post(BULK, {"items": [article(n) for n in range(8)]}, format="json")
    assert [item["code"] for item in response.json()["data"]] == ["queued"] * 8
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "extractor_extraction"')]
    assert len(inserts) == 1 and "ON CONFLICT DO NOTHING" in inserts[0]
    assert packets == [8]  # one round trip carrying the 8 messages
    assert redis_broker.llen("extract") == 8
    assert Extraction.objects.filter(status=Status.QUEUED, enqueued_at__isnull=False).count() == 8


def test_a_message_redis_refuses_leaves_only_its_job_for_the_sweeper(client_, redis_broker, start_worker):
    """The third LPUSH of the pipeline is answered with an error by Redis: that job alone loses its stamp; the
    sweeper sends it; a real worker then runs all five, each once."""
    pushes = []

    def third_push(name, args):
        if name != "LPUSH":
            return False
        pushes.append(args)
        return len(pushes) == 3

    answers = post_through_proxy(client_, third_push, [article(n) for n in range(5)])
    ids = [item["data"]["id"] for item in answers]
    assert [item["code"] for item in answers] == ["queued"] * 5 and len(set(ids)) == 5
    unsent = [pk for pk in ids if Extraction.objects.get(pk=pk).enqueued_at is None]
    assert unsent == [ids[2]]
    assert redis_broker.llen("extract") == 4

    Extraction.objects.filter(pk=ids[2]).update(available_at=timezone.now() - timedelta(seconds=60))
    assert services.extractions_sweep() == [ids[2]]
    assert services.extractions_sweep() == []
    start_worker("w1")
    wait_for(lambda: Extraction.objects.filter(pk__in=ids, status=Status.DONE).count() == 5, timeout=40)
    assert list(Extraction.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == [1] * 5


def test_a_broker_that_fails_the_pipeline_leaves_every_job_for_the_sweeper(client_, redis_broker):
    """The connection is cut under the pipeline: whether Redis took any of it is unknown, so no job keeps its stamp
    (a message sent twice is claimed once); the sweeper sends each once."""

    def cut(name, args):
        if name == "LPUSH":
            raise OSError("connection cut")
        return False

    answers = post_through_proxy(client_, cut, [article(n) for n in range(3)])
    ids = [item["data"]["id"] for item in answers]
    assert [item["code"] for item in answers] == ["queued"] * 3
    assert Extraction.objects.filter(pk__in=ids, enqueued_at__isnull=True).count() == 3
    Extraction.objects.filter(pk__in=ids).update(available_at=timezone.now() - timedelta(seconds=60))
    assert sorted(services.extractions_sweep()) == sorted(ids)
    assert redis_broker.llen("extract") == 3
