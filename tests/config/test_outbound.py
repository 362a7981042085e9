"""The one outbound client: a total deadline, a bounded answer, and an error that says whether retrying can help."""

from __future__ import annotations

import time

import pytest

from config import outbound
from tests.servers import Recorder, SlowDrip


def test_a_refused_url_is_permanent_and_never_called(settings):
    settings.UNSAFE_URL_ALLOWLIST = []
    with Recorder() as receiver, pytest.raises(outbound.OutboundError) as caught:
        outbound.call("POST", receiver.url + "/hook", deadline=2, max_bytes=100, data=b"{}")
    assert (caught.value.permanent, caught.value.reason) == (True, "unsafe_url")
    assert str(caught.value).startswith("unsafe_url: ") and receiver.requests == []


def test_an_unresolvable_host_is_retryable():
    with pytest.raises(outbound.OutboundError) as caught:
        outbound.call("GET", "http://no-such-host.invalid/", deadline=2, max_bytes=100)
    assert (caught.value.permanent, caught.value.reason, str(caught.value)) == (
        False,
        "dns",
        "dns: host could not be resolved",
    )


def test_a_dripping_answer_ends_at_the_deadline_and_is_retryable(settings):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    with SlowDrip(interval=0.3) as server:
        started = time.monotonic()
        with pytest.raises(outbound.OutboundError) as caught:
            outbound.call("POST", server.url, deadline=1.5, max_bytes=100, data=b"{}")
        elapsed = time.monotonic() - started
    assert 1.4 < elapsed < 2.5 and (caught.value.permanent, caught.value.reason) == (False, "timeout")


def test_trusted_services_may_be_private_but_never_metadata(settings):
    settings.UNSAFE_URL_ALLOWLIST = []
    with Recorder(default=(200, b"x" * 5000, 0, {})) as service:
        response = outbound.call("POST", service.url + "/v1/jobs", deadline=2, max_bytes=100, trusted=True, json={})
    assert response.status_code == 200 and response.content == b"x" * 100 and response.truncated
    with pytest.raises(outbound.OutboundError) as caught:
        outbound.call("GET", "http://169.254.169.254/latest/meta-data/", deadline=1, max_bytes=100, trusted=True)
    assert caught.value.permanent and caught.value.reason == "unsafe_url"


@pytest.mark.parametrize(("status", "permanent"), [(503, False), (429, False), (500, False), (404, True), (400, True)])
def test_status_permanence(settings, status, permanent):
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8"]
    with Recorder(default=(status, b"no", 0, {})) as receiver:
        response = outbound.call("POST", receiver.url, deadline=2, max_bytes=100, data=b"{}")
    with pytest.raises(outbound.OutboundError) as caught:
        outbound.check_status(response)
    assert (caught.value.permanent, caught.value.status_code, caught.value.reason) == (permanent, status, "status")
    assert outbound.check_status(response, allow={status}) is response
