"""Hostile values in the staff console's JSON fields, through the real gunicorn: a plan's `workflow_prices` textarea
(Django's `forms.JSONField`) caught only `json.JSONDecodeError`. Text nested past Python's recursion limit raised
`RecursionError` (500), ~1,000 levels that `json` could still read failed when the form was shown again (the indented
text is written by recursive Python: 500), and an integer of more than 4,300 digits raised `ValueError` (the admin
guard's 400 "A filter or parameter value is out of range."). Each is the form again with "Enter a valid JSON."."""

from __future__ import annotations

import html

from billing import services as billing
from billing.models import Plan, RequestLog
from tests.config.test_hostile_input import admin_session

INVALID = "Enter a valid JSON."


def plan_form(plan: Plan, prices: str) -> dict:
    return {
        "name": plan.name,
        "active": "on",
        "services": list(plan.services),
        "requests_per_minute": str(plan.requests_per_minute),
        "max_body_bytes": str(plan.max_body_bytes),
        "cache_ttl_seconds": str(plan.cache_ttl_seconds),
        "max_attempts": str(plan.max_attempts),
        "new_llm_models": "",
        "workflow_prices": prices,
    }


def test_json_the_plan_form_cannot_read_is_shown_again_as_invalid(gunicorn):
    server = gunicorn().base
    staff = admin_session(server)
    plan = Plan.objects.create(name="hostile-prices")
    url = f"{server}/admin/billing/plan/{plan.pk}/change/"
    before = Plan.objects.values().get(pk=plan.pk)
    hostile = {
        "5,000 levels (RecursionError)": "[" * 5000 + "]" * 5000,
        "990 levels (read, then the form shown again)": "[" * 990 + "]" * 990,
        "objects 990 levels deep": '{"a":' * 990 + "1" + "}" * 990,
        "21 levels": '{"extract": ' + "[" * 20 + "1" + "]" * 20 + "}",
        "an integer of 5,000 digits": '{"extract": ' + "9" * 5000 + "}",
    }
    for name, prices in hostile.items():
        form = {"csrfmiddlewaretoken": staff.cookies["csrftoken"], **plan_form(plan, prices)}
        response = staff.post(url, data=form, headers={"Referer": url}, allow_redirects=False, timeout=30)
        assert response.status_code == 200, (name, response.status_code, response.text[:300])
        assert INVALID in response.text, name
        assert html.escape(prices[:200]) in response.text, name  # shown again as typed
    assert Plan.objects.values().get(pk=plan.pk) == before
    # An ordinary change still saves, and the form shows it indented.
    form = {"csrfmiddlewaretoken": staff.cookies["csrftoken"], **plan_form(plan, '{"extract": 3}')}
    response = staff.post(url, data=form, headers={"Referer": url}, allow_redirects=False, timeout=30)
    assert response.status_code == 302, response.text[:300]
    assert Plan.objects.get(pk=plan.pk).workflow_prices == {"extract": 3}
    assert "{\n  &quot;extract&quot;: 3\n}" in staff.get(url, timeout=30).text
    assert not RequestLog.objects.filter(status_code__gte=500).exists()


def test_odd_ids_in_staff_searches_and_the_revoke_page_find_nothing(gunicorn):
    """A tenant or ledger search of `²` (a digit to `str.isdigit`, not to `int`) or 5,000 digits, and a key id that is
    no number in `/admin/billing/apikey/<id>/revoke/`, raised `ValueError`: the admin guard's 400 "A filter or
    parameter value is out of range.". The searches now list nothing (the term is read as a name) and the page is a
    404, as the change lists' filters and Django's own pages answer."""
    server = gunicorn().base
    staff = admin_session(server)
    tenant = billing.tenant_create(name="Searched", credits=3).tenant
    odd = ["²", "9" * 5000, "99999999999999999999", "9999999999999999999", "٣"]
    for changelist in ("billing/tenant", "billing/creditentry"):
        for term in odd:
            response = staff.get(f"{server}/admin/{changelist}/", params={"q": term}, timeout=30)
            assert response.status_code == 200, (changelist, term[:20], response.status_code)
            assert "0 results" in response.text or "0 credit entries" in response.text, (changelist, term[:20])
        found = staff.get(f"{server}/admin/{changelist}/", params={"q": str(tenant.pk)}, timeout=30)
        assert found.status_code == 200 and "Searched" in found.text, changelist
    for key_id in ["abc", "%C2%B2", "9" * 5000, "99999999999999999999", "1.5"]:
        response = staff.get(f"{server}/admin/billing/apikey/{key_id}/revoke/", timeout=30)
        assert response.status_code == 404, (key_id[:20], response.status_code)
    key = tenant.api_keys.get()
    assert staff.get(f"{server}/admin/billing/apikey/{key.pk}/revoke/", timeout=30).status_code == 200
    assert not RequestLog.objects.filter(status_code__gte=500).exists()
