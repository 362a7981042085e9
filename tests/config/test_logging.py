"""Log lines as operators read them: one JSON object per line through the configured handler, with the request
id on every line of a request (Django's own `django.request` warnings included), and an idle beat/worker
quiet at INFO (periodic jobs that found nothing to do are DEBUG)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from celery.app import trace

from config.logging import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the configured console handler writes, as parsed JSON objects."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        handler.setStream(old)


@pytest.mark.parametrize(
    "url, status",
    [
        ("/v1/extractor/extractions", 401),
        ("/v1/requests/01J9Z3K4Q8V6W2X5Y7A1B3C5D7", 401),
        ("/v1/no-such-thing/here", 404),
    ],
)
def test_django_request_warnings_carry_the_request_id(anon, log_lines, url, status):
    response = anon.get(url)
    assert response.status_code == status
    warnings = [line for line in log_lines() if line["logger"] == "django.request"]
    assert warnings, log_lines()
    for line in warnings:
        assert line["request_id"] == response["X-Request-Id"]
        assert (line["level"], line["method"], line["path"], line["status_code"]) == ("WARNING", "GET", url, status)


def test_an_application_log_line_inside_a_request_has_its_id(tenant, log_lines, client):
    response = client.get("/v1/credits", HTTP_AUTHORIZATION="Bearer wrong")
    assert response.status_code == 401
    assert {line["request_id"] for line in log_lines()} == {response["X-Request-Id"]}


def succeeded(name: str, return_value: str) -> None:
    """What a Celery worker logs when a task returns (celery's own call)."""
    trace.info(
        trace.LOG_SUCCESS,
        {"id": "d2c1", "name": name, "return_value": return_value, "runtime": 0.01, "args": "()", "kwargs": "{}"},
    )


def test_idle_periodic_jobs_are_debug_and_work_done_stays_info(log_lines):
    logging.getLogger("celery.beat").info("Scheduler: Sending due task %s (%s)", "extractor-sweep", "extractor.sweep")
    trace.info(trace.LOG_RECEIVED, {"id": "d2c1", "name": "extractor.sweep"})
    for idle in ("[]", "None", "0", "{'stashes_deleted': 0, 'purged': 0}"):
        succeeded("extractor.sweep", idle)
    assert log_lines() == []

    succeeded("extractor.sweep", "['01J9Z3K4Q8V6W2X5Y7A1B3C5D7']")  # it re-sent a job: worth a line
    succeeded("extractor.expire_cache", "{'stashes_deleted': 3, 'purged': 0}")
    succeeded("extractor.run_extraction", "None")  # not periodic: every job is logged
    lines = log_lines()
    assert [(line["level"], line["data"]["name"]) for line in lines] == [
        ("INFO", "extractor.sweep"),
        ("INFO", "extractor.expire_cache"),
        ("INFO", "extractor.run_extraction"),
    ]


def test_idle_periodic_jobs_show_at_debug_level(log_lines):
    root = logging.getLogger()
    old = root.level
    root.setLevel(logging.DEBUG)
    try:
        succeeded("workflows.poll_studio", "[]")
    finally:
        root.setLevel(old)
    [line] = log_lines()
    assert (line["level"], line["data"]["name"]) == ("DEBUG", "workflows.poll_studio")
