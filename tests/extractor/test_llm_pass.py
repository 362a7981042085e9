"""The LLM pass through the whole job: every LLM errorClass reached by a real answer of a fake
OpenAI-compatible server (a real local HTTP server)."""

from __future__ import annotations

import json
import re

import pytest

from billing import services as billing
from extractor import services
from extractor.api.views import validate_create
from extractor.models import Extraction, Status
from extractor.pipeline import llm as llm_module
from tests.servers import Recorder

pytestmark = pytest.mark.django_db
ARTICLE = "<html><head><title>Rain</title></head><body><article><h1>Rain in Paris</h1><p>It rained all day in Paris, again, said everyone.</p></article></body></html>"


def answer(content) -> dict:
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "choices": [{"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
    }


def schema_answer(**values):
    """A Recorder payload: every key the request's schema asks for (null unless given)."""

    def build(request: dict) -> dict:
        keys = request["response_format"]["json_schema"]["schema"]["properties"]
        return answer({key: values.get(key) for key in keys})

    return build


@pytest.fixture(autouse=True)
def _fresh_format_cache():
    llm_module.clear_format_cache()  # ephemeral ports can be reused between tests
    yield
    llm_module.clear_format_cache()


@pytest.fixture
def llm_tenant(settings):
    settings.LLM_DEFAULT_MODEL = "test-model"
    settings.LLM_TIMEOUT_SECONDS = 1
    plan = billing.plan_create(name="llm", llm_models=["test-model", "other-model"])
    plan.max_attempts = 2
    plan.save()
    return billing.tenant_create(name="LLM", plan=plan).tenant


def run(tenant, mode="fill-missing", **options) -> Extraction:
    body = validate_create(
        {"type": "article", "content": ARTICLE, "options": {"useLlm": True, "llmMode": mode, **options}}
    )
    job = services.extraction_submit(tenant=tenant, body=body).extraction
    services.extraction_run(job.pk)
    return Extraction.objects.get(pk=job.pk)


def run_until_terminal(job: Extraction) -> Extraction:
    for _ in range(5):
        job = Extraction.objects.get(pk=job.pk)
        if job.status != Status.QUEUED:
            break
        Extraction.objects.filter(pk=job.pk).update(available_at=job.created_at)
        services.extraction_run(job.pk)
    return Extraction.objects.get(pk=job.pk)


def test_fill_missing_records_llm_source_and_usage(llm_tenant, settings):
    with Recorder(default=(200, schema_answer(tags=["weather", "paris"]), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant, llmPromptOverride="Prefer lowercase tags.")
    assert job.status == Status.DONE, job.error_message
    assert job.data["tags"] == ["weather", "paris"] and job.data["title"] == "Rain in Paris"
    assert job.metadata["sources"]["tags"] == "llm" and job.metadata["sources"]["title"] != "llm"
    assert job.metadata["llm"]["model"] == "test-model" and job.metadata["llm"]["totalTokens"] == 150
    assert job.metadata["timings"]["llmMs"] is not None
    assert len(llm.requests) == 1
    sent = json.loads(llm.requests[0]["body"])
    assert "Prefer lowercase tags." in json.dumps(sent["messages"])
    assert "title" not in sent["response_format"]["json_schema"]["schema"]["properties"]


def test_metadata_with_an_llm_pass_keeps_its_documented_order(settings):
    """Through the API: `llm` comes last, its own keys in the order the pass writes them, `timings.llmMs` after the
    pipeline's timings (jsonb gave `llm` first: shortest key)."""
    from rest_framework.test import APIClient

    from extractor.pipeline import ARTICLE_FIELDS
    from tests.helpers import LIBRARIES

    settings.LLM_DEFAULT_MODEL = "test-model"
    created = billing.tenant_create(name="LLM API", plan=billing.plan_create(name="llm api", llm_models=["test-model"]))
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=created.issued.raw)
    body = {"type": "article", "content": ARTICLE, "options": {"useLlm": True}}
    with Recorder(default=(200, schema_answer(tags=["weather"]), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job_id = client.post("/v1/extractor/extractions", body, format="json").json()["data"]["id"]
        assert services.extraction_run(job_id) == Status.DONE
    meta = client.get(f"/v1/extractor/extractions/{job_id}").json()["data"]["metadata"]
    assert list(meta) == ["sources", "pipelineVersion", "libraries", "timings", "llm"]
    assert (
        list(meta["sources"]) == sorted(meta["sources"], key=ARTICLE_FIELDS.index) and meta["sources"]["tags"] == "llm"
    )
    assert list(meta["libraries"]) == LIBRARIES and list(meta["timings"]) == ["parseMs", "extractMs", "llmMs"]
    assert list(meta["llm"]) == [
        "model",
        "mode",
        "promptTokens",
        "completionTokens",
        "totalTokens",
        "llmMs",
        "changedFields",
        "filledFields",
        "rejectedFields",
    ]


def test_answer_outside_the_schema_is_repaired_once(llm_tenant, settings):
    # missing keys + a key that was not asked for (a filled field): one repair request, then done
    first = (200, answer({"tags": ["weather"], "title": "IGNORED"}), 0, {})
    with Recorder(script=[first], default=(200, schema_answer(tags=["weather"]), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant)
    assert job.status == Status.DONE, job.error_message
    assert job.data["title"] == "Rain in Paris" and job.data["tags"] == ["weather"]
    assert len(llm.requests) == 2
    repair = json.loads(llm.requests[1]["body"])["messages"][-1]["content"]
    assert "title" in repair and "missing" in repair
    assert job.metadata["llm"]["totalTokens"] == 300


def test_invalid_values_twice_is_llm_validation(llm_tenant, settings):
    with Recorder(default=(200, schema_answer(siteName=123, publishedAt="maybe"), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant)
    assert (job.status, job.error_class, job.attempts) == (Status.FAILED, "llm_validation", 1)
    assert "publishedAt" in job.error_message
    assert len(llm.requests) == 2


def test_unknown_keys_twice_is_llm_validation(llm_tenant, settings):
    with Recorder(default=(200, answer({"foo": 1}), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant)
    assert (job.status, job.error_class) == (Status.FAILED, "llm_validation")
    assert len(llm.requests) == 2


def test_response_format_fallback_is_paid_once_per_process(llm_tenant, settings):
    rejected = (400, {"error": {"message": "response_format json_schema is not supported"}}, 0, {})

    def plain(request: dict) -> dict:
        assert request["response_format"] == {"type": "json_object"}  # no schema in response_format any more
        asked = re.search(r"could not find the fields (.*?)\. Find", request["messages"][1]["content"]).group(1)
        return answer({key: None for key in asked.split(", ")})

    with Recorder(script=[rejected], default=(200, plain, 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        first = run(llm_tenant)
        second = run(llm_tenant, llmPromptOverride="A second job, not served from the result cache.")
    assert first.status == Status.DONE and second.status == Status.DONE, (first.error_message, second.error_message)
    formats = [json.loads(r["body"])["response_format"]["type"] for r in llm.requests]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_correct_mode_records_changed_fields(llm_tenant, settings):
    with Recorder(default=(200, schema_answer(title="Rain in Paris, again"), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant, mode="correct", llmModel="other-model")
    assert job.status == Status.DONE
    assert job.data["title"] == "Rain in Paris, again" and "title" in job.metadata["llm"]["changedFields"]
    assert json.loads(llm.requests[0]["body"])["model"] == "other-model"


def test_400_is_llm_request_failed_at_once(llm_tenant, settings):
    with Recorder(default=(400, {"error": {"message": "bad model"}}, 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant)
    assert (job.status, job.error_class, job.attempts) == (Status.FAILED, "llm_request", 1)


def test_invalid_json_twice_is_llm_validation(llm_tenant, settings):
    with Recorder(default=(200, answer("this is not json"), 0, {})) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant)
    assert (job.status, job.error_class) == (Status.FAILED, "llm_validation")
    assert len(llm.requests) == 2  # the answer, then one repair attempt


@pytest.mark.parametrize(
    "reply, error_class",
    [
        ((500, b"oops", 0, {}), "llm_unavailable"),
        ((429, b"slow down", 0, {}), "llm_unavailable"),
        ((200, answer({}), 2.0, {}), "llm_timeout"),
    ],
)
def test_retryable_errors_back_off_then_dead(llm_tenant, settings, reply, error_class):
    with Recorder(default=reply) as llm:
        settings.LLM_BASE_URL = llm.url + "/v1"
        job = run(llm_tenant)
        assert (job.status, job.error_class, job.attempts) == (Status.QUEUED, error_class, 1)
        assert job.available_at >= job.created_at
        job = run_until_terminal(job)
    assert (job.status, job.error_class, job.attempts) == (Status.DEAD, error_class, 2)
    assert job.finished_at is not None


def test_no_llm_configured_is_unavailable_then_dead(llm_tenant, settings):
    settings.LLM_BASE_URL = None
    job = run_until_terminal(run(llm_tenant))
    assert (job.status, job.error_class) == (Status.DEAD, "llm_unavailable")
