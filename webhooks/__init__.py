"""Signed webhooks (Standard Webhooks) for both APIs: one delivery row per event and endpoint, written in the
transaction of the state change, sent after commit by the job engine (a delivery is a job kind on its own queue),
retried on one schedule, every attempt recorded.

* `webhooks/signing.py` — the signature (`sign`) and which secrets sign (`signing_secrets`).
* `webhooks/delivery.py` — the delivery job kind: create, enqueue, one attempt (`deliver`), retries, redelivery.
* `webhooks/tasks.py` — the Celery entry points.

Each API decides which endpoints hear which of its events (`extractor/webhooks.py`, `workflows/services.py`) and
calls `delivery.create`. The rows are `extractor.models.WebhookDelivery` / `WebhookAttempt`: see the README for why the
tables stay in the extractor app."""
