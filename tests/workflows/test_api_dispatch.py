"""`POST /v1/{name}` (extract): 202, every 422 shape, 402, 404, auth — through DRF over HTTP."""

from __future__ import annotations

import io

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from billing import services as billing
from billing.models import CreditEntry, RequestLog
from tests.helpers import client_for
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db
URL = "/v1/extract"


def put_image(tenant_id: int, name: str = "photo.jpg", fmt: str = "JPEG") -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 48), (200, 30, 30)).save(buffer, format=fmt)
    return default_storage.save(f"tenants/{tenant_id}/uploads/{name}", ContentFile(buffer.getvalue()))


def test_dispatch_202_body_equals_request_id_and_charges(bearer):
    key = put_image(bearer.tenant.pk)
    response = bearer.post(URL, {"trial_image": key}, format="json")
    assert response.status_code == 202, response.content
    request_id = response["X-Request-Id"]
    assert response.json() == {"request_id": request_id, "status": "NOT_STARTED", "credits_cost": 1}
    assert response["Location"] == f"/v1/requests/{request_id}"
    job = WorkflowJob.objects.get(pk=request_id)
    assert job.tenant_id == bearer.tenant.pk and job.workflow == "extract" and job.status == "NOT_STARTED"
    assert job.input == {
        "trial_image": key,
        "runtime_config": {"priority": 0},
        "extraction_context": {"max_items": 4, "product_name": "", "product_description": ""},
    }
    charge = CreditEntry.objects.get(request_id=request_id)
    assert (charge.kind, charge.amount, charge.balance_after) == ("charge", -1, 9)
    assert RequestLog.objects.get(pk=request_id).status_code == 202


def test_dispatch_full_body_is_cleaned_and_price_comes_from_the_plan(make_tenant):
    plan = billing.plan_create(name="pricey", workflow_prices={"extract": 3})
    client = client_for(make_tenant("Pricey", credits=5, plan=plan))
    key = put_image(client.tenant.pk, "shot.png", "PNG")
    body = {
        "trial_image": key,
        "runtime_config": {"priority": "7", "timeout_seconds": 120},
        "extraction_context": {"max_items": "2", "product_name": "Red dress", "product_description": "Summer dress"},
    }
    response = client.post(URL, body, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["credits_cost"] == 3
    job = WorkflowJob.objects.get(pk=response.json()["request_id"])
    assert job.input["runtime_config"] == {"priority": 7, "timeout_seconds": 120}
    assert job.input["extraction_context"] == {
        "max_items": 2,
        "product_name": "Red dress",
        "product_description": "Summer dress",
    }
    client.tenant.refresh_from_db()
    assert client.tenant.credit_balance == 2


def test_missing_trial_image_is_422(bearer):
    response = bearer.post(URL, {}, format="json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["body", "trial_image"], "msg": "Field required", "input": {}}]
    }


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"", "application/json"), (b"null", "application/json"), (b"", None)],
)
def test_a_missing_body_is_fastapis_missing_body(bearer, body, content_type):
    """The document's request body is required: none at all (with or without a content type) or JSON `null` is
    FastAPI's `missing` at `["body"]`, not a body read as `{}`; nothing is charged."""
    response = bearer.generic("POST", URL, body, content_type=content_type)
    assert response.status_code == 422, response.content
    assert response.json() == {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}
    assert WorkflowJob.objects.count() == 0
    bearer.tenant.refresh_from_db()
    assert bearer.tenant.credit_balance == 10


JSON_TYPES = [
    "application/vnd.api+json",
    "application/merge-patch+json",
    "application/json-patch+json; charset=utf-8",
    "Application/Vnd.Api+JSON",
    "APPLICATION/JSON",
    "",  # no Content-Type at all: FastAPI reads the body as JSON
]


@pytest.mark.parametrize("content_type", JSON_TYPES)
def test_a_json_body_is_read_for_any_json_content_type(bearer, content_type):
    """FastAPI reads the body as JSON when the type is `application/json` or `application/<anything>+json` (RFC 6839's
    suffix), in any case, or when no Content-Type is sent; they were 415."""
    key = put_image(bearer.tenant.pk)
    response = bearer.generic("POST", URL, f'{{"trial_image": "{key}"}}', content_type=content_type)
    assert response.status_code == 202, response.content
    assert WorkflowJob.objects.get().input["trial_image"] == key
    response = bearer.generic("POST", URL, '{"trial_image": 3}', content_type=content_type)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "string_type", "loc": ["body", "trial_image"], "msg": "Input should be a valid string", "input": 3}
        ]
    }


@pytest.mark.parametrize("content_type", ["text/plain", "text/json", "application/x-json", "application/jsonp"])
def test_a_body_of_another_type_is_415(bearer, content_type):
    response = bearer.generic("POST", URL, '{"trial_image": "x"}', content_type=content_type)
    assert response.status_code == 415
    assert response.json() == {"detail": f'Unsupported media type "{content_type}" in request.'}
    assert not WorkflowJob.objects.exists()


def test_every_bad_field_is_listed_at_once_and_nothing_is_charged(bearer):
    body = {
        "trial_image": 5,
        "runtime_config": {"priority": "high", "timeout_seconds": 5, "gpu": "a100"},
        "extraction_context": {
            "max_items": 9,
            "product_name": "n" * 201,
            "product_description": "d" * 2001,
            "color": "red",
        },
        "webhook": "x",
    }
    response = bearer.post(URL, body, format="json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_type",
                "loc": ["body", "trial_image"],
                "msg": "Input should be a valid string",
                "input": 5,
            },
            {
                "type": "int_parsing",
                "loc": ["body", "runtime_config", "priority"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "high",
            },
            {
                "type": "greater_than_equal",
                "loc": ["body", "runtime_config", "timeout_seconds"],
                "msg": "Input should be greater than or equal to 10",
                "input": 5,
                "ctx": {"ge": 10},
            },
            {
                "type": "extra_forbidden",
                "loc": ["body", "runtime_config", "gpu"],
                "msg": "Extra inputs are not permitted",
                "input": "a100",
            },
            {
                "type": "less_than_equal",
                "loc": ["body", "extraction_context", "max_items"],
                "msg": "Input should be less than or equal to 8",
                "input": 9,
                "ctx": {"le": 8},
            },
            {
                "type": "string_too_long",
                "loc": ["body", "extraction_context", "product_name"],
                "msg": "String should have at most 200 characters",
                "input": "n" * 201,
                "ctx": {"max_length": 200},
            },
            {
                "type": "string_too_long",
                "loc": ["body", "extraction_context", "product_description"],
                "msg": "String should have at most 2000 characters",
                "input": "d" * 2001,
                "ctx": {"max_length": 2000},
            },
            {
                "type": "extra_forbidden",
                "loc": ["body", "extraction_context", "color"],
                "msg": "Extra inputs are not permitted",
                "input": "red",
            },
            {
                "type": "extra_forbidden",
                "loc": ["body", "webhook"],
                "msg": "Extra inputs are not permitted",
                "input": "x",
            },
        ]
    }
    assert not WorkflowJob.objects.exists()
    assert list(CreditEntry.objects.values_list("kind", flat=True)) == ["grant"]


@pytest.mark.parametrize(
    "value, error",
    [
        (
            0,
            {
                "type": "greater_than_equal",
                "msg": "Input should be greater than or equal to 1",
                "input": 0,
                "ctx": {"ge": 1},
            },
        ),
        (
            3.5,
            {
                "type": "int_from_float",
                "msg": "Input should be a valid integer, got a number with a fractional part",
                "input": 3.5,
            },
        ),
        (  # pydantic's lax mode reads false as 0 (and shows the boolean it was given)
            False,
            {
                "type": "greater_than_equal",
                "msg": "Input should be greater than or equal to 1",
                "input": False,
                "ctx": {"ge": 1},
            },
        ),
        (
            "true",
            {
                "type": "int_parsing",
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "true",
            },
        ),
        (
            None,
            {"type": "int_type", "msg": "Input should be a valid integer", "input": None},
        ),  # as pydantic: null shown
        ([1], {"type": "int_type", "msg": "Input should be a valid integer", "input": [1]}),
        (
            "4.5",
            {
                "type": "int_parsing",
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "4.5",
            },
        ),
        (  # an integral float past a signed 64-bit integer is not turned into one (pydantic-core's float_as_int)
            -1e19,
            {
                "type": "int_parsing_size",
                "msg": "Unable to parse input string as an integer, exceeded maximum size",
                "input": -1e19,
            },
        ),
        (  # an integer string of more than 4300 digits is not read (CPython's and pydantic's limit)
            "9" * 4301,
            {
                "type": "int_parsing_size",
                "msg": "Unable to parse input string as an integer, exceeded maximum size",
                "input": "9" * 4301,
            },
        ),
        (  # 4300 digits with spaces around them are read (and then too large)
            " " + "9" * 4300,
            {
                "type": "less_than_equal",
                "msg": "Input should be less than or equal to 8",
                "input": " " + "9" * 4300,
                "ctx": {"le": 8},
            },
        ),
    ],
)
def test_max_items_errors(bearer, value, error):
    key = put_image(bearer.tenant.pk)
    response = bearer.post(URL, {"trial_image": key, "extraction_context": {"max_items": value}}, format="json")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["body", "extraction_context", "max_items"], **error}]}


@pytest.mark.parametrize("value", [1, 8, "8", " 3 ", 5.0, "5.00", "+5", "0_5"])  # pydantic's lax integer strings
def test_max_items_accepts_ints_and_integer_strings(bearer, value):
    key = put_image(bearer.tenant.pk)
    response = bearer.post(URL, {"trial_image": key, "extraction_context": {"max_items": value}}, format="json")
    assert response.status_code == 202, response.content
    assert WorkflowJob.objects.get().input["extraction_context"]["max_items"] == int(float(str(value).strip()))


def test_booleans_are_integers_as_pydantic_reads_them(bearer):
    """pydantic 2's lax mode, which FastAPI validates a JSON body in, takes `true` / `false` for an `int` field as 1 / 0
    (its conversion table: int from bool, Python & JSON); the job stores the integer, not the boolean."""
    key = put_image(bearer.tenant.pk)
    body = {"trial_image": key, "runtime_config": {"priority": True}, "extraction_context": {"max_items": True}}
    response = bearer.post(URL, body, format="json")
    assert response.status_code == 202, response.content
    stored = WorkflowJob.objects.get().input
    assert (stored["runtime_config"]["priority"], stored["extraction_context"]["max_items"]) == (1, 1)
    assert type(stored["extraction_context"]["max_items"]) is int
    body = {"trial_image": key, "runtime_config": {"priority": False, "timeout_seconds": True}}
    response = bearer.post(URL, body, format="json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "greater_than_equal",
                "loc": ["body", "runtime_config", "timeout_seconds"],
                "msg": "Input should be greater than or equal to 10",
                "input": True,
                "ctx": {"ge": 10},
            }
        ]
    }


def test_strings_are_not_coerced_and_objects_must_be_objects(bearer):
    body = {"trial_image": ["a"], "runtime_config": "fast", "extraction_context": {"product_name": 12}}
    response = bearer.post(URL, body, format="json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_type",
                "loc": ["body", "trial_image"],
                "msg": "Input should be a valid string",
                "input": ["a"],
            },
            {
                "type": "model_attributes_type",
                "loc": ["body", "runtime_config"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": "fast",
            },
            {
                "type": "string_type",
                "loc": ["body", "extraction_context", "product_name"],
                "msg": "Input should be a valid string",
                "input": 12,
            },
        ]
    }


def test_body_that_is_not_an_object_is_422(bearer):
    response = bearer.post(URL, [1, 2], format="json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": [1, 2],
            }
        ]
    }


def test_malformed_json_is_422(bearer):
    response = bearer.generic("POST", URL, "{not json", content_type="application/json")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["type"] == "json_invalid" and detail[0]["loc"] == ["body"]


def test_trial_image_must_be_an_existing_image_in_the_callers_namespace(bearer, make_tenant):
    other = make_tenant("Other")
    theirs = put_image(other.tenant.pk)
    mine = bearer.tenant.pk
    text_key = default_storage.save(f"tenants/{mine}/uploads/notes.jpg", ContentFile(b"just text, not an image"))
    cases = {
        theirs: f"Value error, trial_image must be a storage key under your namespace 'tenants/{mine}/'",
        f"tenants/{mine}/../{other.tenant.pk}/uploads/photo.jpg": f"Value error, trial_image must be a storage key under your namespace 'tenants/{mine}/'",
        "photo.jpg": f"Value error, trial_image must be a storage key under your namespace 'tenants/{mine}/'",
        f"tenants/{mine}/uploads/missing.jpg": "Value error, no object exists at this key",
        text_key: "Value error, the object at this key is not a JPEG, PNG or WebP image",
    }
    for key, msg in cases.items():
        response = bearer.post(URL, {"trial_image": key}, format="json")
        assert response.status_code == 422, key
        assert response.json() == {
            "detail": [{"type": "value_error", "loc": ["body", "trial_image"], "msg": msg, "input": key}]
        }
    assert not WorkflowJob.objects.exists()


def test_422_reports_schema_and_storage_errors_together(bearer):
    response = bearer.post(URL, {"trial_image": "elsewhere.jpg", "extraction_context": {"max_items": 0}}, format="json")
    assert [e["loc"] for e in response.json()["detail"]] == [
        ["body", "extraction_context", "max_items"],
        ["body", "trial_image"],
    ]


def test_402_when_short_of_credits_no_job_no_ledger_change(make_tenant):
    client = client_for(make_tenant("Broke", credits=0))
    key = put_image(client.tenant.pk)
    response = client.post(URL, {"trial_image": key}, format="json")
    assert response.status_code == 402
    assert response.json() == {"detail": "Not enough credits: 'extract' costs 1 credit(s)."}
    assert not WorkflowJob.objects.exists()
    assert not CreditEntry.objects.filter(tenant=client.tenant).exists()
    client.tenant.refresh_from_db()
    assert client.tenant.credit_balance == 0


def test_a_307_followed_keeps_the_method_the_body_and_the_key(bearer):
    """A client that follows the 307 (curl -L, requests, fetch, Django's) sends the same POST, body and key again."""
    key = put_image(bearer.tenant.pk)
    response = bearer.post("/v1/extract/", {"trial_image": key}, format="json", follow=True)
    assert response.redirect_chain == [("/v1/extract", 307)]
    assert response.status_code == 202, response.content
    assert WorkflowJob.objects.get().input["trial_image"] == key


@pytest.mark.django_db(transaction=True)
def test_requests_follows_the_307_over_http(make_tenant, live_server):
    """Through a real HTTP server and client: `requests` follows the 307 with the same POST, body and (same host)
    Authorization header, and the job is dispatched once."""
    created = make_tenant("Follower")
    key = put_image(created.tenant.pk)
    auth = {"Authorization": f"Bearer {created.issued.raw}"}
    response = requests.post(f"{live_server.url}/v1/extract/", json={"trial_image": key}, headers=auth, timeout=10)
    assert [(r.status_code, r.headers["Location"]) for r in response.history] == [(307, "/v1/extract")]
    assert response.status_code == 202, response.text
    assert WorkflowJob.objects.get().input["trial_image"] == key


def test_unknown_workflow_is_404(bearer, anon):
    for client in (bearer, anon):
        response = client.post("/v1/nope", {"trial_image": "x"}, format="json")
        assert response.status_code == 404
        assert response.json() == {"detail": "Workflow 'nope' not found."}


def test_auth_and_scope(anon, make_tenant):
    response = anon.post(URL, {"trial_image": "x"}, format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    reader = client_for(make_tenant("Reader", scopes=["workflows:read"]))
    response = reader.post(URL, {"trial_image": "x"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "This API key lacks the 'workflows:write' scope."}


def test_get_on_dispatch_route_is_405(bearer):
    response = bearer.get(URL)
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "GET" not allowed.'}


@pytest.fixture
def second_workflow():
    """A second workflow is one definition: schema, price, Studio job type, local runner."""
    from workflows import registry
    from workflows.validation import Int, Obj, Str, validate

    schema = Obj(fields={"text": Str(required=True, max_length=10), "times": Int(default=1, ge=1, le=3)})
    workflow = registry.register(
        registry.Workflow(
            name="echo",
            title="Echo",
            studio_job_type="echo-text",
            default_price=2,
            clean_input=lambda body, tenant_id: validate(schema, body),
            run_local=lambda cleaned, prefix: {"items": []},
        )
    )
    yield workflow
    registry._REGISTRY.pop("echo", None)


def test_a_second_workflow_dispatches_through_the_same_route(bearer, second_workflow):
    response = bearer.post("/v1/echo", {"text": "hi", "times": "2"}, format="json")
    assert response.status_code == 202, response.content
    assert response.json() == {"request_id": response["X-Request-Id"], "status": "NOT_STARTED", "credits_cost": 2}
    assert WorkflowJob.objects.get().input == {"text": "hi", "times": 2}
    response = bearer.post("/v1/echo", {"text": "x" * 11}, format="json")
    assert response.json() == {
        "detail": [
            {
                "type": "string_too_long",
                "loc": ["body", "text"],
                "msg": "String should have at most 10 characters",
                "input": "x" * 11,
                "ctx": {"max_length": 10},
            }
        ]
    }
