"""A broker that accepts connections and never answers (a black-hole TCP listener as REDIS_URL), through the real
gunicorn: paid POSTs answer 202 at once with one job and one charge each (their message is left for the sweeper),
and `/readyz` answers 503 within a few seconds."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from billing import services as billing
from billing.models import CreditEntry
from extractor.models import Extraction
from workflows.models import WorkflowJob


class BlackHole:
    """Accepts every connection and never reads or writes a byte."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.close()


def timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_hung_broker_answers_202_at_once_and_readyz_503(gunicorn, black_hole):
    process = gunicorn(REDIS_URL=f"redis://127.0.0.1:{black_hole.port}/0")
    server = process.base
    created = billing.tenant_create(name="Hung", credits=10)
    key = created.issued.raw
    bearer = {"Authorization": f"Bearer {key}"}
    upload, upload_seconds = timed(
        lambda: requests.post(
            server + "/v1/uploads", headers=bearer, files={"file": ("a.jpg", _jpeg(), "image/jpeg")}, timeout=30
        )
    )
    assert upload.status_code == 201, upload.text
    image = upload.json()["key"]

    timings = {"first request (upload)": upload_seconds}
    dispatched = []
    for attempt in range(3):
        response, seconds = timed(
            lambda: requests.post(server + "/v1/extract", json={"trial_image": image}, headers=bearer, timeout=30)
        )
        assert response.status_code == 202, response.text
        dispatched.append(response.json()["request_id"])
        timings[f"POST /v1/extract #{attempt + 1}"] = seconds
    response, seconds = timed(
        lambda: requests.post(
            server + "/v1/extractor/extractions",
            headers={"x-api-key": key},
            json={"type": "article", "content": "<h1>Hung broker</h1><p>A paragraph about a broker.</p>"},
            timeout=30,
        )
    )
    assert response.status_code == 202 and response.json()["code"] == "queued", response.text
    timings["POST /v1/extractor/extractions"] = seconds
    ready, seconds = timed(lambda: requests.get(server + "/readyz", timeout=30))
    timings["GET /readyz"] = seconds
    print("hung broker timings:", {name: round(value, 2) for name, value in timings.items()})

    assert black_hole.accepted >= 1  # the server did try the broker
    assert timings["first request (upload)"] < 3.0
    assert all(timings[f"POST /v1/extract #{n}"] < 1.0 for n in (1, 2, 3)), timings
    assert timings["POST /v1/extractor/extractions"] < 1.0, timings
    assert ready.status_code == 503 and timings["GET /readyz"] < 4.0
    assert ready.json()["checks"] == {"database": "ok", "broker": "failed"}
    # One job and one charge per 202; every message is left for the sweeper (never sent, so never marked).
    jobs = WorkflowJob.objects.filter(pk__in=dispatched)
    assert jobs.count() == 3 and all(job.enqueued_at is None for job in jobs)
    assert CreditEntry.objects.filter(kind="charge").count() == 3
    assert sorted(CreditEntry.objects.filter(kind="charge").values_list("request_id", flat=True)) == sorted(dispatched)
    assert Extraction.objects.get().enqueued_at is None
    log = process.output()
    errors = [line for line in log.splitlines() if '"level": "ERROR"' in line]
    assert "Traceback" not in log and all("Service Unavailable: /readyz" in line for line in errors), log


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 48), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()
