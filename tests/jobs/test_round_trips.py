"""What one extraction costs the database, on each side (issue 15): the figures docs/history/throughput.md
quotes, held here so that a change that adds a round trip or a commit per job is seen."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from extractor import services
from extractor.api.views import validate_create
from extractor.models import Extraction, Status


def statements(context) -> list[str]:
    return [query["sql"].split(None, 1)[0].upper() for query in context.captured_queries]


def test_a_job_costs_few_statements_and_two_commits_on_each_side(transactional_db, redis_broker, make_tenant):
    tenant = make_tenant("Round trips", credits=10).tenant
    body = validate_create({"type": "article", "format": "text", "content": "Round trips\n\nOne paragraph of text."})
    with CaptureQueriesContext(connection) as submit:
        pk = services.extraction_submit(tenant=tenant, body=body).extraction.pk
    # the cache lookup, the in-flight lookup, then the INSERT alone: its own commit, carrying the enqueue stamp
    assert statements(submit) == ["UPDATE", "SELECT", "INSERT"], submit.captured_queries
    job = Extraction.objects.get(pk=pk)
    assert job.enqueued_at is not None and job.enqueued_at == job.available_at  # the message went out
    assert redis_broker.llen("extract") == 1

    with CaptureQueriesContext(connection) as run:
        assert services.extraction_run(pk) == Status.DONE
    # the claim (with claimed_at, the row read back by it), the cache TTL, the terminal transition in one transaction
    # (its row read back without the result: nobody is subscribed)
    assert statements(run) == ["UPDATE", "SELECT", "BEGIN", "UPDATE", "COMMIT"], run.captured_queries
    job = Extraction.objects.get(pk=pk)
    assert job.status == Status.DONE and job.claimed_at is not None and job.attempts == 1
    assert job.data["title"] == "Round trips" and job.expires_at > job.finished_at


def test_a_bulk_request_reads_and_writes_the_digest_memo_once(db, redis_broker, xkey, monkeypatch):
    """8 new pages: one memo read (`get_many`) before the first item, one write (`set_many`) after the last; the
    same 8 again: one read, every digest known, nothing written."""
    import redis.connection

    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        packed = b"".join(command) if isinstance(command, list) else command
        if b"sanitized:v" in bytes(packed):
            sent.append(bytes(packed))
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    items = [{"type": "article", "format": "text", "content": f"Page {i}\n\nParagraph {i}."} for i in range(8)]
    commands = []
    for _ in range(2):
        sent.clear()
        response = xkey.post("/v1/extractor/extractions/bulk", {"items": items}, format="json")
        assert [item["code"] for item in response.json()["data"]] == ["queued"] * 8
        commands.append([b"MSET" if b"\r\nMSET\r\n" in packed else packed.split(b"\r\n")[2] for packed in sent])
    # first: one MGET, then one pipeline (MSET and its EXPIREs, sent together); second: the MGET alone
    assert commands == [[b"MGET", b"MSET"], [b"MGET"]], commands
    assert len(set(Extraction.objects.values_list("cache_key", flat=True))) == 8


def test_a_bulk_request_without_redis_recomputes_the_memo(db, redis_broker, xkey):
    from config.breaker import REDIS

    items = [{"type": "article", "format": "text", "content": "Same page\n\nOne paragraph."}] * 2
    REDIS.failed()
    try:
        response = xkey.post("/v1/extractor/extractions/bulk", {"items": items}, format="json")
    finally:
        REDIS.succeeded()
    data = response.json()["data"]
    assert [item["code"] for item in data] == ["queued", "queued"] and data[0]["data"]["id"] == data[1]["data"]["id"]
    assert redis_broker.keys("*sanitized*") == []  # skipped, not written
