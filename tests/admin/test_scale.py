"""What keeps the admin fast on big tables, checked on small ones: exact searches, capped counts, bounded pages and
filters, the repeat-grant guard. (`make bench-admin` measures the same pages at production volumes.)"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import services as billing
from billing.models import CreditEntry, RequestLog
from config.admin_scale import EstimatedCountPaginator, TenantFilter
from extractor.models import Extraction

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(get_user_model().objects.create_superuser("ops", "ops@example.com", "pw"))
    return client


def ids_in(response, pattern=r"[0-9A-HJKMNP-TV-Z]{26}") -> set[str]:
    return set(re.findall(rf'<th class="field-id"><a href="[^"]*">({pattern})</a>', response.content.decode()))


def test_request_log_search_is_an_exact_id_match_in_any_case(staff, anon):
    first = anon.get("/v1/credits")["X-Request-Id"]
    anon.get("/v1/credits")
    for term in (first, first.lower(), f"  {first}  "):
        response = staff.get("/admin/billing/requestlog/", {"q": term})
        assert response.status_code == 200 and ids_in(response) == {first}, term
    # not an id: nothing, and no substring scan of the table
    with CaptureQueriesContext(connection) as queries:
        response = staff.get("/admin/billing/requestlog/", {"q": first[:10]})
    assert ids_in(response) == set()
    assert not any("LIKE" in q["sql"] for q in queries.captured_queries)


def test_extraction_search_tries_ids_cache_keys_and_url_prefixes_before_a_substring(staff, xkey):
    body = {
        "type": "article",
        "content": "<h1>Hello</h1><p>Some words here.</p>",
        "url": "https://news.example.org/a/1",
    }
    response = xkey.post("/v1/extractor/extractions", body, format="json")
    job_id, request_id = response.json()["data"]["id"], response["X-Request-Id"]
    job = Extraction.objects.get(pk=job_id)
    assert job.request_id == request_id
    for term in (job_id.lower(), request_id, job.cache_key.upper(), "https://news.example.org/a", "example.org/a"):
        with CaptureQueriesContext(connection) as queries:
            found = staff.get("/admin/extractor/extraction/", {"q": term})
        assert ids_in(found) == {job_id}, term
        uses_like = any("UPPER" in q["sql"] and "LIKE" in q["sql"] for q in queries.captured_queries)
        assert uses_like == (term == "example.org/a"), term  # a substring match only when nothing exact applies
    assert ids_in(staff.get("/admin/extractor/extraction/", {"q": "https://other.example.org/"})) == set()


def result_table(response) -> str:
    page = response.content.decode()
    start = page.find('<table id="result_list"')
    return page[start : page.index("</table>", start)] if start >= 0 else ""


def test_ledger_search_by_request_id_entry_number_and_tenant_name(staff, make_tenant):
    acme, other = make_tenant("Acme Corp").tenant, make_tenant("Globex").tenant
    entry = billing.credits_grant(tenant_id=acme.pk, amount=7, reason="promo", request_id="01JABCDEFGHJKMNPQRSTVWXYZ0")
    page = result_table(staff.get("/admin/billing/creditentry/", {"q": "01jabcdefghjkmnpqrstvwxyz0"}))
    assert "promo" in page and "Globex" not in page
    assert f">{entry.pk}<" in result_table(staff.get("/admin/billing/creditentry/", {"q": str(entry.pk)}))
    by_name = result_table(staff.get("/admin/billing/creditentry/", {"q": "acme"}))
    assert "Acme Corp (#" in by_name and "Globex (#" not in by_name
    filtered = result_table(staff.get("/admin/billing/creditentry/", {"tenant__id__exact": other.pk}))
    assert "Globex (#" in filtered and "promo" not in filtered


def test_tenant_page_shows_ten_ledger_rows_and_links_to_the_rest(staff, make_tenant):
    tenant = make_tenant("Busy").tenant
    for n in range(25):
        billing.credits_grant(tenant_id=tenant.pk, amount=1, reason=f"top-up #{n:02d}")
    page = staff.get(f"/admin/billing/tenant/{tenant.pk}/change/").content.decode()
    assert "top-up #24" in page and "top-up #15" in page and "top-up #14" not in page
    assert f"/admin/billing/creditentry/?tenant__id__exact={tenant.pk}" in page
    assert "CreditEntry object" not in page


def test_counts_stop_early_and_estimate_beyond(make_tenant, staff, monkeypatch):
    tenant = make_tenant().tenant
    RequestLog.objects.bulk_create(
        [
            RequestLog(
                id=f"01J{n:023d}",
                tenant=tenant,
                api="extractor",
                method="GET",
                path="/",
                status_code=200,
                duration_ms=1,
                created_at="2026-01-01T00:00:00Z",
            )
            for n in range(30)
        ]
    )

    class Small(EstimatedCountPaginator):
        exact_up_to = 10

    assert Small(RequestLog.objects.filter(pk__in=[f"01J{n:023d}" for n in range(5)]), 5).count == 5
    big = Small(RequestLog.objects.all(), 5)
    with CaptureQueriesContext(connection) as queries:
        estimate = big.count
    assert estimate >= 11  # at least what was counted, never a full COUNT(*)
    assert not any(
        q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "billing_requestlog"') for q in queries.captured_queries
    )
    assert big.estimated and not Small(RequestLog.objects.filter(status_code=500), 5).estimated
    # the change list says the number is an estimate
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 10)
    page = staff.get("/admin/billing/requestlog/").content.decode()
    assert re.search(r'<span class="estimated-count"[^>]*>about</span> \d+ request logs', page)
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 100)
    page = staff.get("/admin/billing/requestlog/").content.decode()
    assert "estimated-count" not in page and "30 request logs" in page


def test_status_filter_by_class_and_code(staff, anon, tenant):
    ok = anon.get("/v1/credits", HTTP_AUTHORIZATION=f"Bearer {tenant.issued.raw}")["X-Request-Id"]
    refused = anon.get("/v1/credits")["X-Request-Id"]
    assert ids_in(staff.get("/admin/billing/requestlog/", {"status_code": "4xx"})) == {refused}
    assert ids_in(staff.get("/admin/billing/requestlog/", {"status_code": "200"})) == {ok}
    assert ids_in(staff.get("/admin/billing/requestlog/", {"status_code": "2xx"})) == {ok}


def test_tenant_filter_lists_few_tenants_and_only_the_chosen_one_of_many(staff, make_tenant, monkeypatch):
    tenants = [make_tenant(f"T{n}").tenant for n in range(4)]
    page = staff.get("/admin/billing/requestlog/").content.decode()
    assert all(f"T{n} (#{t.pk})" in page for n, t in enumerate(tenants))
    monkeypatch.setattr(TenantFilter, "list_up_to", 2)
    page = staff.get("/admin/billing/requestlog/").content.decode()
    assert not any(f"T{n} (#{t.pk})" in page for n, t in enumerate(tenants))
    page = staff.get("/admin/billing/requestlog/", {"tenant__id__exact": tenants[3].pk}).content.decode()
    assert f"T3 (#{tenants[3].pk})" in page and f"T0 (#{tenants[0].pk})" not in page
    assert staff.get("/admin/billing/requestlog/", {"tenant__id__exact": "x"}).status_code == 200


@pytest.mark.parametrize("value", ["\u00b2", "\u00b2\u00b2\u00b2", "\u0663", "9" * 30, "9" * 5000, "-1", "1_0"])
@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("/admin/billing/requestlog/", "tenant__id__exact"),
        ("/admin/billing/requestlog/", "status_code"),
        ("/admin/billing/creditentry/", "tenant__id__exact"),
        ("/admin/extractor/extraction/", "tenant__id__exact"),
        ("/admin/workflows/workflowjob/", "tenant__id__exact"),
    ],
)
def test_filters_given_digits_that_are_no_id_list_nothing(staff, make_tenant, monkeypatch, page, name, value):
    """A "²" passed `str.isdigit()` and `int()` refused it, as it refuses 5,000 digits: 500s."""
    make_tenant("T")
    monkeypatch.setattr(TenantFilter, "list_up_to", 0)  # many tenants: the chosen one is looked up by its id
    response = staff.get(page, {name: value})
    assert response.status_code == 200


def test_repeat_grant_needs_confirmation_but_a_different_amount_does_not(staff, make_tenant):
    tenant = make_tenant("Repeat", credits=0).tenant
    url = f"/admin/billing/tenant/{tenant.pk}/credits/"

    def form_id():
        return re.search(r'name="form_id" value="([0-9A-Z]{26})"', staff.get(url).content.decode()).group(1)

    first = staff.post(url, {"amount": 50, "kind": "grant", "reason": "r", "form_id": form_id()})
    assert first.status_code == 302 and first["Location"].endswith(f"?tenant__id__exact={tenant.pk}")
    assert staff.post(url, {"amount": 50, "kind": "grant", "reason": "r2", "form_id": form_id()}).status_code == 200
    assert staff.post(url, {"amount": 51, "kind": "grant", "reason": "r", "form_id": form_id()}).status_code == 302
    assert staff.post(url, {"amount": 50, "kind": "adjustment", "reason": "r", "form_id": form_id()}).status_code == 302
    assert list(CreditEntry.objects.filter(tenant=tenant).order_by("id").values_list("amount", flat=True)) == [
        50,
        51,
        50,
    ]


def test_object_names_are_readable(staff, xkey, tenant):
    from extractor import services as extractor_services
    from extractor.models import WebhookAttempt, WebhookDelivery

    entry = billing.credits_grant(tenant_id=tenant.tenant.pk, amount=7, reason="promo")
    page = staff.get(f"/admin/billing/creditentry/{entry.pk}/change/").content.decode()
    assert f"#{entry.pk} grant +7 → 17" in page and "CreditEntry object" not in page
    body = {"type": "article", "content": "<h1>Hi</h1><p>Words.</p>", "webhookUrl": "https://hooks.example.com/in"}
    job_id = xkey.post("/v1/extractor/extractions", body, format="json").json()["data"]["id"]
    extractor_services.extraction_run(job_id)
    delivery = WebhookDelivery.objects.get(extraction_id=job_id)
    WebhookAttempt.objects.create(delivery=delivery, number=1, status_code=503, error="HTTP 503")
    page = staff.get(f"/admin/extractor/webhookdelivery/{delivery.pk}/change/").content.decode()
    assert f"done webhook {delivery.pk} (" in page and "attempt 1 → 503" in page and " object (" not in page
    assert '<pre class="json">{\n  &quot;' in page  # the payload, indented


def test_delivery_search_by_extraction_or_workflow_request_id(staff, tenant):
    from extractor.models import WebhookDelivery

    request_id = "01JREQ0000000000000000000A"
    delivery = WebhookDelivery.objects.create(
        id="msg_01JREQ0000000000000000000A",
        tenant=tenant.tenant,
        request_id=request_id,
        event="completed",
        url="https://hooks.example.com/wf",
        payload={"type": "request.completed"},
    )
    for term in (request_id.lower(), delivery.pk, "hooks.example.com/wf"):
        table = result_table(staff.get("/admin/extractor/webhookdelivery/", {"q": term}))
        assert delivery.pk in table and f"/admin/workflows/workflowjob/{request_id}/change/" in table, term
    assert delivery.pk not in result_table(
        staff.get("/admin/extractor/webhookdelivery/", {"q": "01JREQ0000000000000000000B"})
    )
