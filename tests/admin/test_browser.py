"""The staff console driven in headless Chromium against a live server: credit grants (and the confirmation a repeat
needs), key creation and revoke (with its confirmation), cancel / recycle of extractions and workflow jobs, and the
layout at 1400 px (the columns that matter are on screen, numbers fit their inputs). Screenshots: see conftest."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

import jobs
from billing import services as billing
from billing.models import ApiKey, CreditEntry, Plan, Tenant
from extractor import services as extractor_services
from extractor.models import Extraction, Status
from workflows import services as workflow_services
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db(transaction=True)
PHOTO = Path(__file__).resolve().parent.parent / "workflows" / "fixtures" / "tada3.jpg"


def messages(page) -> list[str]:
    page.wait_for_load_state()
    return [text.strip() for text in page.locator("ul.messagelist li").all_inner_texts()]


def run_action(page, url: str, ids: list[str], action: str) -> None:
    page.goto(url)
    for pk in ids:
        page.check(f'input[name="_selected_action"][value="{pk}"]')
    page.select_option('select[name="action"]', action)
    page.click('button[name="index"]')


def submit_extraction(live_server, raw_key: str, n: int, **extra) -> str:
    body = {
        "type": "article",
        "format": "html",
        "content": f"<h1>Story {n}</h1><p>Words of the body, number {n}.</p>",
        **extra,
    }
    response = requests.post(
        f"{live_server.url}/v1/extractor/extractions", json=body, headers={"x-api-key": raw_key}, timeout=30
    )
    assert response.status_code == 202, response.text
    return response.json()["data"]["id"]


def dispatch_photo(live_server, raw_key: str) -> str:
    auth = {"Authorization": f"Bearer {raw_key}"}
    with PHOTO.open("rb") as handle:
        uploaded = requests.post(
            f"{live_server.url}/v1/uploads",
            files={"file": ("tada3.jpg", handle, "image/jpeg")},
            headers=auth,
            timeout=30,
        )
    assert uploaded.status_code == 201, uploaded.text
    response = requests.post(
        f"{live_server.url}/v1/extract", json={"trial_image": uploaded.json()["key"]}, headers=auth, timeout=30
    )
    assert response.status_code == 202, response.text
    return response.json()["request_id"]


def test_credit_grant_lands_on_the_ledger_and_a_repeat_needs_confirmation(admin_page, live_server, shoot):
    tenant = billing.tenant_create(name="Busy Shop", credits=10).tenant
    for n in range(30):  # more history than the tenant page shows
        billing.credits_grant(tenant_id=tenant.pk, amount=1, reason=f"old top-up {n}", created_by="seed")
    CreditEntry.objects.filter(tenant=tenant).update(created_at=timezone.now() - timedelta(days=2))
    page = admin_page
    page.goto(f"/admin/billing/tenant/{tenant.pk}/change/")
    assert page.locator("table.ledger-preview tbody tr").count() == 10  # a preview, never the whole ledger
    shoot(page, "tenant-page")
    page.click("text=Grant / adjust credits >> nth=0")
    page.fill('input[name="amount"]', "250")
    page.select_option('select[name="kind"]', "grant")
    page.fill('input[name="reason"]', "Goodwill for the outage")
    page.click('input[type="submit"][value="Record"]')
    # the grant lands on this tenant's ledger (filtered), not on a page that renders everything
    assert "tenant__id__exact" in page.url and "/admin/billing/creditentry/" in page.url
    assert "Recorded grant of +250 credits for Busy Shop." in messages(page)
    assert "Goodwill for the outage" in page.inner_text("#result_list")
    shoot(page, "ledger-filtered")
    tenant.refresh_from_db()
    assert tenant.credit_balance == 10 + 30 + 250

    # Back, then Record again: the browser fetches a fresh form, and the same grant within a minute asks first
    page.go_back()
    assert "/credits/" in page.url
    page.fill('input[name="amount"]', "250")
    page.fill('input[name="reason"]', "Goodwill for the outage")
    page.click('input[type="submit"][value="Record"]')
    assert page.locator("#confirm-repeat").is_visible()
    assert "The same grant of 250 credits was recorded for Busy Shop" in page.inner_text("#confirm-repeat")
    shoot(page, "credits-confirm-repeat")
    tenant.refresh_from_db()
    assert tenant.credit_balance == 290  # nothing recorded yet
    page.click('input[type="submit"][value="Yes, record it again"]')
    assert "Recorded grant of +250 credits for Busy Shop." in messages(page)
    tenant.refresh_from_db()
    assert tenant.credit_balance == 540
    assert CreditEntry.objects.filter(tenant=tenant, amount=250, kind="grant").count() == 2

    # declining the repeat records nothing
    page.goto(f"/admin/billing/tenant/{tenant.pk}/credits/")
    page.fill('input[name="amount"]', "250")
    page.fill('input[name="reason"]', "Goodwill for the outage")
    page.click('input[type="submit"][value="Record"]')
    page.click("text=No, show the ledger")
    assert "/admin/billing/creditentry/" in page.url
    tenant.refresh_from_db()
    assert tenant.credit_balance == 540


def test_key_created_with_checkboxes_then_revoked_after_confirmation(admin_page, live_server, shoot):
    tenant = billing.tenant_create(name="Key Shop", credits=5).tenant
    page = admin_page
    page.goto("/admin/billing/apikey/add/")
    for scope in ("workflows:write", "workflows:read", "extractions:write", "extractions:read"):
        assert page.is_checked(f'input[name="scopes"][value="{scope}"]')  # every scope ticked by default
    page.select_option('select[name="tenant"]', str(tenant.pk))
    page.fill('input[name="name"]', "ci reader")
    page.uncheck('input[name="scopes"][value="workflows:write"]')
    page.uncheck('input[name="scopes"][value="extractions:write"]')
    shoot(page, "apikey-add")
    page.click('input[name="_save"]')
    shown = next(m for m in messages(page) if "shown once" in m)
    raw = shown.rsplit(": ", 1)[1]
    key = ApiKey.objects.get(name="ci reader")
    assert key.scopes == ["workflows:read", "extractions:read"] and raw.startswith(key.prefix)
    credits = requests.get(f"{live_server.url}/v1/credits", headers={"Authorization": f"Bearer {raw}"}, timeout=30)
    assert credits.status_code == 200

    # revoke from the key's page: a confirmation page first, and "No" changes nothing
    page.goto(f"/admin/billing/apikey/{key.pk}/change/")
    page.click("a.revoke-link")
    assert "Revoking is final" in page.inner_text("#content")
    assert f"{key.prefix}…" in page.inner_text("#revoke-list")
    shoot(page, "apikey-revoke-confirm")
    page.click("a.cancel-link")
    key.refresh_from_db()
    assert key.revoked_at is None and f"/admin/billing/apikey/{key.pk}/change/" in page.url
    page.click("a.revoke-link")
    page.click("#confirm-revoke")
    assert any(m.startswith("Revoked 1 key(s)") for m in messages(page))
    key.refresh_from_db()
    assert key.revoked_at is not None
    refused = requests.get(f"{live_server.url}/v1/credits", headers={"Authorization": f"Bearer {raw}"}, timeout=30)
    assert refused.status_code == 401

    # the list action asks too
    other = billing.api_key_create(tenant=tenant, name="old deploy").api_key
    run_action(page, "/admin/billing/apikey/", [str(other.pk)], "revoke")
    assert "Revoking is final" in page.inner_text("#content")
    other.refresh_from_db()
    assert other.revoked_at is None
    page.click("#confirm-revoke")
    other.refresh_from_db()
    assert other.revoked_at is not None
    # at 1400 px the list shows "revoked at" without scrolling
    page.goto("/admin/billing/apikey/")
    box = page.locator("th.column-revoked").bounding_box()
    assert box and box["x"] + box["width"] <= 1400
    shoot(page, "apikey-list")


def test_cancel_and_recycle_extractions(admin_page, live_server, shoot):
    created = billing.tenant_create(name="Article Shop", credits=5)
    raw = created.issued.raw
    queued = submit_extraction(live_server, raw, 1)
    dead = submit_extraction(live_server, raw, 2)
    done = submit_extraction(live_server, raw, 3, webhookUrl="https://hooks.example.com/in")
    extractor_services.extraction_run(done)
    Extraction.objects.filter(pk=dead).update(
        status=Status.DEAD, attempts=5, error_class="llm_unavailable", error_message="LLM unavailable"
    )
    page = admin_page
    run_action(page, "/admin/extractor/extraction/", [queued], "cancel")
    assert "Cancelled 1." in messages(page)
    job = Extraction.objects.get(pk=queued)
    assert (job.status, job.error_class) == (Status.CANCELLED, "cancelled_by_admin")

    run_action(page, "/admin/extractor/extraction/", [dead, done], "recycle")
    assert "Recycled 1." in messages(page) and f"{done}: Only dead extractions can be recycled." in messages(page)
    job = Extraction.objects.get(pk=dead)
    assert (job.status, job.attempts, job.recycle_count) == (Status.QUEUED, 0, 1)
    shoot(page, "extraction-list")

    # the extraction page: business fields before the engine's, JSON indented
    page.goto(f"/admin/extractor/extraction/{done}/change/")
    labels = [text.strip() for text in page.locator("fieldset .form-row label").all_text_contents()]
    assert labels.index("Id:") < labels.index("Status:") < labels.index("Lease token:")
    assert labels.index("Tenant:") < labels.index("Available at:")
    assert '\n  "title": "Story 3"' in page.locator("pre.json").first.inner_text()
    shoot(page, "extraction-page")
    page.goto("/admin/extractor/webhookdelivery/")
    page.click("#result_list a:has-text('msg_')")
    assert '"type":' in page.locator("pre.json").first.inner_text()
    shoot(page, "webhook-delivery-page")


def test_cancel_and_retry_workflow_jobs_and_the_photo_beside_its_cut_outs(admin_page, live_server, shoot):
    created = billing.tenant_create(name="Photo Shop", credits=10)
    tenant = created.tenant
    raw = created.issued.raw
    running, dead, completed = (dispatch_photo(live_server, raw) for _ in range(3))
    WorkflowJob.objects.filter(pk=dead).update(max_attempts=1)
    jobs.claim(workflow_services.KIND, dead)
    WorkflowJob.objects.filter(pk=dead).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    workflow_services.jobs_reap()
    assert WorkflowJob.objects.get(pk=dead).status == "DEAD_LETTER"

    page = admin_page
    run_action(page, "/admin/workflows/workflowjob/", [running, dead], "cancel_jobs")
    assert "Cancelled and refunded 1 job(s)." in messages(page)
    assert any("already finished (DEAD_LETTER)" in m for m in messages(page))
    assert WorkflowJob.objects.get(pk=running).status == "CANCELLED"
    assert CreditEntry.objects.filter(request_id=running, kind="refund").count() == 1
    run_action(page, "/admin/workflows/workflowjob/", [dead], "retry_dead_jobs")
    assert "Re-queued 1 job(s)." in messages(page)
    assert WorkflowJob.objects.get(pk=dead).status == "NOT_STARTED"
    tenant.refresh_from_db()
    assert tenant.credit_balance == 10 - 3 + 1 + 1  # three charges, two refunds (cancelled, dead)

    # the job page shows the source photo beside what was cut out of it
    photo = Image.open(PHOTO).convert("RGBA")
    items = []
    for n, (label, box) in enumerate((("top", (110, 150, 300, 360)), ("bottom", (120, 340, 290, 600)))):
        buffer = io.BytesIO()
        photo.crop(box).save(buffer, format="PNG")
        key = default_storage.save(
            f"tenants/{tenant.pk}/jobs/{completed}/items/{n}-{label}.png", ContentFile(buffer.getvalue())
        )
        items.append(
            {
                "label": label,
                "score": 0.9,
                "bbox": {"x": box[0], "y": box[1], "width": box[2] - box[0], "height": box[3] - box[1]},
                "image_key": key,
                "mask_key": key,
            }
        )
    WorkflowJob.objects.filter(pk=completed).update(status="COMPLETED", result={"items": items})
    page.goto(f"/admin/workflows/workflowjob/{completed}/change/")
    figures = page.locator(".figures figure")
    assert figures.count() == 3 and "source photo" in figures.nth(0).inner_text()
    for n in range(3):
        assert page.evaluate(
            "(img) => img.complete && img.naturalWidth > 0", figures.nth(n).locator("img").element_handle()
        )
    source, first_cut = figures.nth(0).bounding_box(), figures.nth(1).bounding_box()
    assert first_cut["x"] > source["x"] + source["width"] - 1  # beside, not below
    assert '\n  "items": [' in page.locator(".field-result_pretty pre.json").inner_text()
    shoot(page, "workflow-job-page")


def test_lists_at_1400_px_show_what_matters_and_numbers_fit(admin_page, live_server, shoot):
    created = billing.tenant_create(name="Layout Shop", credits=5)
    for _ in range(3):
        requests.get(
            f"{live_server.url}/v1/credits", headers={"Authorization": f"Bearer {created.issued.raw}"}, timeout=30
        )
    requests.get(f"{live_server.url}/v1/credits", headers={"Authorization": "Bearer sk_wrong"}, timeout=30)
    page = admin_page
    page.goto("/admin/billing/requestlog/")
    box = page.locator("th.column-status_code").bounding_box()
    assert box and box["x"] + box["width"] <= 1400
    assert "401" in page.inner_text("#result_list")
    shoot(page, "requestlog-list")

    plan = Plan.objects.get(name=Tenant.objects.get(pk=created.tenant.pk).plan.name)
    plan.max_body_bytes = 5_242_880
    plan.llm_models = ["gpt-4o-mini", "llama-3.1-8b"]
    plan.save()
    page.goto(f"/admin/billing/plan/{plan.pk}/change/")
    fits = page.evaluate(
        "(el) => el.scrollWidth <= el.clientWidth", page.locator("#id_max_body_bytes").element_handle()
    )
    assert fits and page.input_value("#id_max_body_bytes") == "5242880"
    assert page.is_checked('input[name="llm_models"][value="llama-3.1-8b"]')
    assert page.locator('input[name="services"][type="checkbox"]').count() == 3
    shoot(page, "plan-page")
    # untick a service and add a model: saved as the JSON lists the API reads
    page.uncheck('input[name="services"][value="llm"]')
    page.fill("#id_new_llm_models", "qwen2.5-7b")
    page.click('input[name="_save"]')
    plan.refresh_from_db()
    assert plan.services == ["extractor", "workflows"] and plan.llm_models == [
        "gpt-4o-mini",
        "llama-3.1-8b",
        "qwen2.5-7b",
    ]
