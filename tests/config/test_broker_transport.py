"""The Redis broker's channel builds one `redis.Redis` per connection pool, not one per publish or ack."""

from __future__ import annotations

from config.breaker import RedisTransport
from config.celery import app


def test_one_client_per_pool_and_messages_still_go_out(redis_broker):
    with app.connection_for_write() as conn:
        assert isinstance(conn.transport, RedisTransport)
        channel = conn.default_channel
        client = channel._create_client()
        assert channel._create_client() is client
        app.send_task("extractor.run_extraction", args=["01J0000000000000000000TEST"], queue="extract")
        channel._disconnect_pools()  # after a fork or a lost connection: a new pool, so a new client
        assert channel._create_client() is not client
    assert redis_broker.llen("extract") == 1
