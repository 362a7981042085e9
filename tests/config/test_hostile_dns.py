"""Host names whose lookups never end, through the real gunicorn. The SSRF check resolves `url` / `webhookUrl` /
`webhook_url` at submission; a name server that never answers (any domain its owner delegates to one) made each
lookup take the system resolver's whole timeout, one after the other: a bulk of 100 items held its request thread for
an hour (200 lookups), past every client's timeout and unseen by gunicorn's (the thread worker's heartbeat goes on),
and a few dozen such requests took every thread of the API. The lookups of one submission now share a deadline
(`SUBMIT_RESOLVE_SECONDS`); a host not resolved by then is accepted as an unresolvable one is (a webhook is checked
again at every delivery, `url` is never fetched), and a literal unsafe address is still refused."""

from __future__ import annotations

import os
import socket
import time

import pytest
import requests

from billing import services as billing
from billing.models import CreditEntry, RequestLog
from config.http_guard import Unresolvable, safe_request
from extractor.models import Extraction
from tests.helpers import image_bytes
from workflows.models import WorkflowJob

LOOKUP_SECONDS = 8  # what each lookup of a black-holed name costs the server under test
BUDGET = 2  # SUBMIT_RESOLVE_SECONDS of that server

# Loaded by the server's Python at start-up (`sitecustomize` on its PYTHONPATH): names under `.blackhole.test` are
# answered as a name server that never replies is, by glibc, after its timeout.
SITECUSTOMIZE = f"""
import socket, time

_real = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".blackhole.test"):
        time.sleep({LOOKUP_SECONDS})
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    return _real(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo
"""


@pytest.fixture
def blackhole_server(gunicorn, tmp_path) -> str:
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE)
    path = os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH", "")) if p)
    return gunicorn(PYTHONPATH=path, SUBMIT_RESOLVE_SECONDS=BUDGET).base


def timed_post(url: str, **kwargs) -> tuple[requests.Response, float]:
    started = time.monotonic()
    response = requests.post(url, timeout=60, **kwargs)
    return response, time.monotonic() - started


def test_a_bulk_of_black_holed_hosts_is_answered_within_the_lookup_budget(blackhole_server):
    key = billing.tenant_create(name="Black hole bulk", credits=5).issued.raw
    items = [
        {
            "type": "article",
            "content": f"<h1>Item {i}</h1><p>Body of item {i}.</p>",
            "url": f"https://page{i}.blackhole.test/a",
            "webhookUrl": f"https://hook{i}.blackhole.test/h",
        }
        for i in range(99)
    ]
    items.append({"type": "article", "content": "<p>last</p>", "webhookUrl": "http://10.0.0.1/hook"})
    response, seconds = timed_post(
        blackhole_server + "/v1/extractor/extractions/bulk", headers={"x-api-key": key}, json={"items": items}
    )
    assert response.status_code == 200, response.text[:300]
    assert seconds < 30, seconds  # the budget, then ordinary work; 200 lookups of 8 s one after another before: 27 min
    envelope = response.json()
    assert (envelope["status"], envelope["code"]) == ("success", "bulk")
    answers = envelope["data"]
    assert [(a["index"], a["status"], a["code"]) for a in answers[:99]] == [(i, 202, "queued") for i in range(99)]
    assert [a["data"]["url"] for a in answers[:99]] == [f"https://page{i}.blackhole.test/a" for i in range(99)]
    # A literal unsafe address needs no lookup: still refused once the budget is spent.
    assert (answers[99]["status"], answers[99]["code"]) == (422, "unsafe_url"), answers[99]
    assert answers[99]["error"]["details"] == [
        {"path": "webhookUrl", "code": "unsafe_url", "message": answers[99]["error"]["details"][0]["message"]}
    ]
    assert "private" in answers[99]["error"]["details"][0]["message"]
    assert Extraction.objects.count() == 99
    assert list(CreditEntry.objects.values_list("kind", flat=True)) == ["grant"]  # the extractor charges nothing
    assert not RequestLog.objects.filter(status_code__gte=500).exists()


def test_a_create_and_a_dispatch_naming_black_holed_hosts_wait_for_one_budget(blackhole_server):
    key = billing.tenant_create(name="Black hole single", credits=5).issued.raw
    body = {
        "type": "article",
        "content": "<h1>One</h1><p>One page.</p>",
        "url": "https://page.blackhole.test/a",
        "webhookUrl": "https://hook.blackhole.test/h",
    }
    response, seconds = timed_post(
        blackhole_server + "/v1/extractor/extractions", headers={"x-api-key": key}, json=body
    )
    assert (response.status_code, response.json()["code"]) == (202, "queued"), response.text[:300]
    assert seconds < BUDGET + 10, seconds  # two lookups of 8 s before: 16 s
    bearer = {"Authorization": f"Bearer {key}"}
    stored = requests.post(
        blackhole_server + "/v1/uploads", headers=bearer, files={"file": ("p.jpg", image_bytes(), "image/jpeg")}
    )
    assert stored.status_code == 201, stored.text
    dispatch = {"trial_image": stored.json()["key"], "webhook_url": "https://hook.blackhole.test/h"}
    response, seconds = timed_post(blackhole_server + "/v1/extract", headers=bearer, json=dispatch)
    assert response.status_code == 202, response.text[:300]
    assert response.json()["credits_cost"] == 1 and seconds < BUDGET + 5, (response.text, seconds)  # 8 s before
    job = WorkflowJob.objects.get()
    assert job.webhook_url == "https://hook.blackhole.test/h"
    assert list(CreditEntry.objects.order_by("pk").values_list("kind", "amount")) == [("grant", 5), ("charge", -1)]
    assert not RequestLog.objects.filter(status_code__gte=500).exists()


def test_an_outbound_call_counts_its_lookup_in_its_total_deadline(monkeypatch):
    """`safe_request`'s total deadline (webhook deliveries, Studio, the LLM) started after the lookup: a name server
    that never answers added the resolver's whole timeout to every attempt."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host == "slow.blackhole.test":
            time.sleep(3)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    started = time.monotonic()
    with pytest.raises(Unresolvable):
        safe_request("POST", "https://slow.blackhole.test/hook", timeout=0.5, max_seconds=1.0)
    assert time.monotonic() - started < 2
