"""Read, list, bulk and cancel; tenant isolation on every endpoint."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from rest_framework.test import APIClient

from extractor import services
from extractor.models import Extraction, IdempotencyKey, Status
from tests.helpers import assert_metadata_order

pytestmark = pytest.mark.django_db
URL = "/v1/extractor/extractions"


def body(n: int, type_="article", **extra):
    return {
        "type": type_,
        "content": f"<html><body><article><h1>Title {n}</h1><p>Paragraph number {n} of the text.</p></article></body></html>",
        **extra,
    }


def error_of(response, status, code):
    assert response.status_code == status, response.content
    data = response.json()
    assert data["status"] == "error" and data["code"] == code, data
    return data


@pytest.fixture
def other(make_tenant):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant("Other").issued.raw)
    return client


def test_get_one_and_isolation(xkey, other):
    job_id = xkey.post(URL, body(1), format="json").json()["data"]["id"]
    response = xkey.get(f"{URL}/{job_id}")
    assert response.status_code == 200 and response.json()["data"]["id"] == job_id and response.json()["code"] == "ok"
    error_of(other.get(f"{URL}/{job_id}"), 404, "not_found")
    error_of(other.post(f"{URL}/{job_id}/cancel"), 404, "not_found")
    assert other.get(URL).json()["data"] == []


def test_cancel_then_conflict(xkey):
    job_id = xkey.post(URL, body(1), format="json").json()["data"]["id"]
    response = xkey.post(f"{URL}/{job_id}/cancel")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "cancelled" and data["errorClass"] is None and data["finishedAt"]
    error_of(xkey.post(f"{URL}/{job_id}/cancel"), 409, "conflict")
    # a worker delivered late does nothing
    assert services.extraction_run(job_id) is None
    assert Extraction.objects.get(pk=job_id).status == Status.CANCELLED


def test_staff_cancel_sets_cancelled_by_admin(xkey):
    job_id = xkey.post(URL, body(1), format="json").json()["data"]["id"]
    services.extraction_cancel(extraction_id=job_id, by_staff=True)
    assert xkey.get(f"{URL}/{job_id}").json()["data"]["errorClass"] == "cancelled_by_admin"


def test_list_filters_sort_and_stable_cursor(xkey):
    ids = [
        xkey.post(URL, body(n, "product" if n % 3 == 0 else "article"), format="json").json()["data"]["id"]
        for n in range(7)
    ]
    services.extraction_run(ids[1])
    page = xkey.get(URL, {"limit": 3}).json()
    assert [e["id"] for e in page["data"]] == ids[::-1][:3]
    # an insert between pages does not shift the next page
    xkey.post(URL, body(99), format="json")
    page2 = xkey.get(URL, {"limit": 3, "cursor": page["nextCursor"]}).json()
    assert [e["id"] for e in page2["data"]] == ids[::-1][3:6]
    page3 = xkey.get(URL, {"limit": 3, "cursor": page2["nextCursor"]}).json()
    assert [e["id"] for e in page3["data"]] == ids[::-1][6:] and page3["nextCursor"] is None

    assert {e["type"] for e in xkey.get(URL, {"type": "product"}).json()["data"]} == {"product"}
    assert [e["id"] for e in xkey.get(URL, {"status": "done"}).json()["data"]] == [ids[1]]
    ascending = xkey.get(URL, {"sort": "createdAt", "limit": 2}).json()["data"]
    assert [e["id"] for e in ascending] == ids[:2]
    finished = xkey.get(URL, {"sort": "-finishedAt", "limit": 1}).json()
    assert finished["data"][0]["id"] == ids[1]
    rest = xkey.get(URL, {"sort": "-finishedAt", "limit": 100, "cursor": finished["nextCursor"]}).json()["data"]
    assert len(rest) == 7 and ids[1] not in [e["id"] for e in rest]


def test_list_domain_filter_reads_the_host_as_creation_does(xkey):
    """`domain` (else the host of `url`) is kept in lower case without a final dot; the filter reads it the same way."""
    shop = xkey.post(URL, body(1, domain=" Shop.Example.com. "), format="json").json()["data"]
    news = xkey.post(URL, body(2, url="https://News.Example.org/a"), format="json").json()["data"]
    for query, expected in [
        ("shop.example.com", shop),
        ("SHOP.EXAMPLE.COM.", shop),
        (" shop.example.com ", shop),
        ("news.example.org.", news),
    ]:
        found = xkey.get(URL, {"domain": query}).json()["data"]
        assert [(e["id"], e["domainId"]) for e in found] == [(expected["id"], expected["domainId"])], query
    assert xkey.get(URL, {"domain": "example.com"}).json()["data"] == []


def test_created_filters_read_an_offset_whose_plus_was_not_encoded(xkey):
    """`createdAfter=2026-01-01T10:00:00+01:00` typed as is in a URL arrives with a space for the `+` (form encoding):
    it is read as the offset it was, not refused as not ISO 8601."""
    created = xkey.post(URL, body(1), format="json").json()["data"]
    stamp = Extraction.objects.get(pk=created["id"]).created_at
    before = (stamp - timedelta(hours=1)).astimezone(timezone(timedelta(hours=2))).isoformat()
    after = (stamp + timedelta(hours=1)).astimezone(timezone(timedelta(hours=2))).isoformat()
    assert "+02:00" in before
    query = f"createdAfter={before.replace('+', '%20')}&createdBefore={after}"  # a raw + is a space too
    assert [e["id"] for e in xkey.get(f"{URL}?{query}").json()["data"]] == [created["id"]]
    later = after.replace("+", "%2B")
    assert xkey.get(f"{URL}?createdAfter={later}").json()["data"] == []


def test_result_fields_keep_the_pipelines_order(xkey):
    """`data` of a finished extraction lists its fields in the pipeline's order (title, authors, …; name, brand,
    …), not jsonb's (shortest key first), in the GET and the list alike."""
    from extractor.pipeline import ARTICLE_FIELDS, PRODUCT_FIELDS

    article_id = xkey.post(URL, body(1, url="https://example.com/a/1"), format="json").json()["data"]["id"]
    product = {
        "type": "product",
        "format": "json",
        "content": {"name": "Trail shoe", "brand": "Acme", "sku": "TS-1", "price": "59.00", "priceCurrency": "EUR"},
    }
    product_id = xkey.post(URL, product, format="json").json()["data"]["id"]
    for job_id, fields in ((article_id, ARTICLE_FIELDS), (product_id, PRODUCT_FIELDS)):
        assert services.extraction_run(job_id) == Status.DONE
        for data in (
            xkey.get(f"{URL}/{job_id}").json()["data"]["data"],
            next(e for e in xkey.get(URL).json()["data"] if e["id"] == job_id)["data"],
        ):
            known = [name for name in data if name in fields]
            assert len(known) > 3 and known == sorted(known, key=fields.index), list(data)


def test_metadata_keys_keep_a_documented_order(xkey):
    """Every read shows `metadata` in one documented order: the GET, the list, a cache hit (200) and a bulk item."""
    from extractor.pipeline import ARTICLE_FIELDS, PRODUCT_FIELDS

    product_html = (
        '<html><head><script type="application/ld+json">{"@type": "Product", "name": "Trail shoe", "brand": "Acme",'
        ' "sku": "TS-1", "offers": {"price": "59.00", "priceCurrency": "EUR"}}</script></head><body><h1>Trail shoe</h1>'
        "<p>59,00 €</p><button>Add to cart</button></body></html>"
    )
    cases = (
        (
            body(1, url="https://example.com/a/1"),
            ARTICLE_FIELDS,
            ["sources", "pipelineVersion", "libraries", "timings"],
        ),
        (
            {"type": "product", "content": product_html, "url": "https://example.com/p/1"},
            PRODUCT_FIELDS,
            ["probability", "sources", "pipelineVersion", "libraries", "timings"],
        ),
    )
    for submitted, fields, top in cases:
        job_id = xkey.post(URL, submitted, format="json").json()["data"]["id"]
        assert services.extraction_run(job_id) == Status.DONE
        hit = xkey.post(URL, submitted, format="json")
        assert hit.status_code == 200 and hit.json()["code"] == "cache_hit"
        bulk = xkey.post(f"{URL}/bulk", {"items": [submitted]}, format="json")
        assert bulk.status_code == 200, bulk.content
        for shown in (
            xkey.get(f"{URL}/{job_id}").json()["data"],
            next(e for e in xkey.get(URL).json()["data"] if e["id"] == job_id),
            hit.json()["data"],
            bulk.json()["data"][0]["data"],
        ):
            assert shown["id"] == job_id
            assert_metadata_order(shown["metadata"], fields, top)


def cursor(**fields) -> str:
    """A cursor as the API writes them, with some fields made wrong."""
    import base64
    import json

    raw = {"s": "-createdAt", "v": None, "id": "01H" + "0" * 23, **fields}
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "params, code, path",
    [
        ({"colour": "red"}, "invalid_filter", "colour"),
        ({"status": "sleeping"}, "invalid_filter", "status"),
        ({"type": "video"}, "invalid_filter", "type"),
        ({"limit": "0"}, "invalid_filter", "limit"),
        ({"limit": "101"}, "invalid_filter", "limit"),
        ({"createdAfter": "yesterday"}, "invalid_filter", "createdAfter"),
        ({"cursor": "garbage"}, "invalid_filter", "cursor"),
        ({"cursor": cursor(v="not-a-time")}, "invalid_filter", "cursor"),
        ({"cursor": cursor(id="ab\x00c")}, "invalid_filter", "cursor"),
        ({"domain": "a\x00b"}, "invalid_filter", "domain"),
        ({"sort": "name"}, "invalid_sort_field", "sort"),
        ({"sort": "--createdAt"}, "invalid_sort_field", "sort"),
    ],
)
def test_list_bad_parameters(xkey, params, code, path):
    data = error_of(xkey.get(URL, params), 400, code)
    assert data["error"]["details"][0]["path"] == path


def test_bulk_runs_each_item_through_the_single_path(xkey):
    response = xkey.post(
        f"{URL}/bulk", {"items": [body(1), {"type": "bad"}, body(1), body(2, url="http://127.0.0.1/")]}, format="json"
    )
    assert response.status_code == 200
    items = response.json()["data"]
    assert [(i["index"], i["status"], i["code"]) for i in items] == [
        (0, 202, "queued"),
        (1, 400, "validation_error"),
        (2, 202, "queued"),
        (3, 422, "unsafe_url"),
    ]
    assert items[0]["data"]["id"] == items[2]["data"]["id"]
    assert items[1]["error"]["details"][0]["path"] == "type"
    assert Extraction.objects.count() == 1


def test_each_bulk_item_counts_against_the_rate_limit(make_tenant):
    """As the schema says: a bulk of 5 on a plan of 3 a minute creates 3 jobs and answers the last two 429
    `rate_limited` in their place; the budget is then spent (`RateLimit` r=0), and the next request is a 429."""
    from billing import services as billing

    client = APIClient()
    client.credentials(
        HTTP_X_API_KEY=make_tenant(plan=billing.plan_create(name="three", requests_per_minute=3)).issued.raw
    )
    payload = {"items": [body(n) for n in range(5)]}
    response = client.post(f"{URL}/bulk", payload, format="json", HTTP_IDEMPOTENCY_KEY="bulk-over-budget")
    assert response.status_code == 200, response.content
    items = response.json()["data"]
    assert [(i["index"], i["status"], i["code"]) for i in items] == [
        (0, 202, "queued"),
        (1, 202, "queued"),
        (2, 202, "queued"),
        (3, 429, "rate_limited"),
        (4, 429, "rate_limited"),
    ]
    assert "data" not in items[3] and items[3]["error"]["message"].startswith("Rate limit of 3 requests per minute")
    assert items[3]["error"]["requestId"] == response["X-Request-Id"]
    assert response["RateLimit"].startswith('"per-key";r=0;')
    assert Extraction.objects.count() == 3
    error_of(client.get(URL), 429, "rate_limited")
    # An answer with rate-limited items is not remembered for its Idempotency-Key (a 429 is not): the same bulk with
    # the same key runs again once the budget allows, and its first items find their jobs again.
    assert not IdempotencyKey.objects.filter(key="bulk-over-budget").exists()


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"items": []},
        {"items": [body(1)] * 101},
        {"items": "x"},
        {"things": [body(1)]},
        {"items": [body(1)], "more": 1},
    ],
)
def test_invalid_bulk_body(xkey, payload):
    error_of(xkey.post(f"{URL}/bulk", payload, format="json"), 422, "invalid_bulk_body")


def test_read_scope_required_for_reads(make_tenant):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_tenant(scopes=["extractions:write"]).issued.raw)
    error_of(client.get(URL), 403, "forbidden")
    assert client.post(URL, body(1), format="json").status_code == 202


@pytest.mark.parametrize("job_id", ["ab%00c", "01H" + "0" * 23 + "%00", "not-an-id", "01h0000000000000000000000x"])
def test_ids_that_cannot_exist_are_404_not_500(xkey, job_id):
    error_of(xkey.get(f"{URL}/{job_id}"), 404, "not_found")
    error_of(xkey.post(f"{URL}/{job_id}/cancel"), 404, "not_found")
