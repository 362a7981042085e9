"""Bodies built to make many 422 errors: the list holds the first `MAX_REPORTED`, in body order (it held every one,
each echoing its input: 600,000 bad `webhook_events` items, 2.4 MB sent, were answered with 85 MB)."""

from __future__ import annotations

import json

import pytest

from billing.models import CreditEntry
from config.limits import MAX_REPORTED
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db


def post(bearer, raw: str):
    return bearer.post("/v1/extract", data=raw, content_type="application/json")


def test_a_long_list_of_bad_events_lists_the_first_ones(bearer):
    raw = '{"trial_image": "x", "webhook_events": [' + ",".join(["{}"] * 200_000) + "]}"
    response = post(bearer, raw)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert len(detail) == MAX_REPORTED and len(response.content) < 10_000
    events = [d["loc"] for d in detail if d["type"] == "enum"]  # beside trial_image's own error
    assert len(events) >= MAX_REPORTED - 1 and events == [["body", "webhook_events", i] for i in range(len(events))]
    assert not WorkflowJob.objects.exists()
    assert list(CreditEntry.objects.values_list("kind", flat=True)) == ["grant"]


@pytest.mark.parametrize("where", ["body", "runtime_config"])
def test_many_unknown_keys_list_the_first_ones(bearer, where):
    unknown = {f"k{i}": i for i in range(50_000)}
    body = {"trial_image": "x", **unknown} if where == "body" else {"trial_image": "x", "runtime_config": unknown}
    response = post(bearer, json.dumps(body))
    assert response.status_code == 422
    detail = response.json()["detail"]
    loc = ["body"] if where == "body" else ["body", "runtime_config"]
    assert [(d["type"], d["loc"], d["input"]) for d in detail] == [
        ("extra_forbidden", [*loc, f"k{i}"], i) for i in range(MAX_REPORTED)
    ]
    assert not WorkflowJob.objects.exists()
