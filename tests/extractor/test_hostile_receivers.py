"""Webhook receivers that answer with hostile bytes: every attempt is still recorded and the delivery ends as its
status says (a real local receiver over HTTP; the attempt's row is what staff read in the admin)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from extractor.models import DeliveryStatus, WebhookDelivery
from tests.extractor.test_webhooks import failed_job, make_due, setup  # noqa: F401 - the fixture
from tests.servers import Recorder
from webhooks import delivery as webhook_delivery

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "headers", "excerpt"),
    [
        (b"ok\x00done", {}, "ok\ufffddone"),  # PostgreSQL text cannot hold NUL
        (b"\xffok", {"Content-Type": "text/plain; charset=idna"}, "\ufffdok"),  # idna refuses errors="replace"
        (b"\xffok", {"Content-Type": "text/plain; charset=undefined"}, "\ufffdok"),
        (b"\xffok", {"Content-Type": "text/plain; charset=punycode"}, "\ufffdok"),
    ],
    ids=["nul", "charset-idna", "charset-undefined", "charset-punycode"],
)
def test_a_2xx_with_an_unstorable_answer_is_delivered(setup, body, headers, excerpt):  # noqa: F811
    """These answers made the attempt raise (DataError on the excerpt's NUL, UnicodeError decoding it): the delivery
    stayed `sending` until its lease expired and was sent again, up to its last attempt, then `failed`."""
    with Recorder(default=(200, body, 0, headers)) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert len(receiver.requests) == 1
    attempt = delivery.attempt_log.get()
    assert (attempt.status_code, attempt.response_excerpt) == (200, excerpt)


@pytest.mark.parametrize("retry_after", ["\xb2", "1" * 5000, "-5", "1e3", " 7 "])
def test_an_odd_retry_after_falls_back_to_the_schedule(setup, retry_after):  # noqa: F811
    """`Retry-After: ²` passed `str.isdigit()` and `int()` refused it (ValueError); 5,000 digits too (now the cap)."""
    with Recorder([(503, b"busy", 0, {"Retry-After": retry_after})]) as receiver:
        failed_job(setup, receiver.url)
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.PENDING
        delivery.refresh_from_db()
        wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
        schedule = webhook_delivery.RETRY_SCHEDULE
        expected = {" 7 ": 7, "1" * 5000: schedule[-1]}.get(retry_after, schedule[0])
        assert expected - 2 <= wait <= expected + 1
        make_due(delivery.pk)
        assert webhook_delivery.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert [a.status_code for a in delivery.attempt_log.order_by("number")] == [503, 200]
