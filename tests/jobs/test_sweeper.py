"""The sweeper re-sends a job's message only when the previous one can be lost (issue 11, item 9).

Against the real Redis broker, with no worker: a backlog of 50 queued jobs whose messages wait in the queue gets no
new message however often the sweeper runs; once the queue has lost them, each gets exactly one; a message older than
the broker's visibility horizon is sent again even while a backlog waits."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from extractor import services
from extractor.models import Extraction, Status

BACKLOG = 50


def submit_backlog(tenant) -> list[str]:
    from extractor.api.views import validate_create

    ids = []
    for n in range(BACKLOG):
        body = {"type": "product", "format": "json", "content": {"name": f"Item {n}", "price": f"{n}.50"}}
        ids.append(services.extraction_submit(tenant=tenant, body=validate_create(body)).extraction.pk)
    return ids


def age(ids, seconds: int) -> None:
    past = timezone.now() - timedelta(seconds=seconds)
    Extraction.objects.filter(pk__in=ids).update(available_at=past, enqueued_at=past)


def test_a_waiting_backlog_gets_no_new_messages(transactional_db, redis_broker, make_tenant):
    ids = submit_backlog(make_tenant("Backlog", credits=10).tenant)
    assert redis_broker.llen("extract") == BACKLOG  # one message each, sent on commit
    assert Extraction.objects.filter(pk__in=ids, status=Status.QUEUED, enqueued_at__isnull=False).count() == BACKLOG
    age(ids, 60)  # far past the sweeper's 10 s staleness, far below the visibility horizon

    for _ in range(5):  # 5 beat ticks (50 s of sweeping)
        assert services.extractions_sweep() == []
    assert redis_broker.llen("extract") == BACKLOG

    redis_broker.delete("extract")  # the broker lost them (e.g. restarted without persistence)
    assert sorted(services.extractions_sweep()) == sorted(ids)
    assert services.extractions_sweep() == []  # stamped: the next tick sends nothing
    assert redis_broker.llen("extract") == BACKLOG


def test_a_message_older_than_the_visibility_horizon_is_sent_again(
    transactional_db, redis_broker, make_tenant, settings
):
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {**settings.CELERY_BROKER_TRANSPORT_OPTIONS, "visibility_timeout": 120}
    ids = submit_backlog(make_tenant("Horizon", credits=10).tenant)
    age(ids[:10], 60)
    age(ids[10:], 600)  # taken by a worker that died before claiming: Redis may never hand these back in time
    assert sorted(services.extractions_sweep()) == sorted(ids[10:])
    assert services.extractions_sweep() == []
    assert redis_broker.llen("extract") == BACKLOG + BACKLOG - 10


def test_a_message_never_sent_is_sent_by_the_next_sweep(transactional_db, redis_broker, make_tenant):
    ids = submit_backlog(make_tenant("Never sent", credits=10).tenant)
    Extraction.objects.filter(pk=ids[0]).update(enqueued_at=None, available_at=timezone.now() - timedelta(seconds=60))
    assert services.extractions_sweep() == [ids[0]]  # the broker was down at submit: sent although a backlog waits
    assert services.extractions_sweep() == []
