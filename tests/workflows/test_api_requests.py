"""`GET /v1/requests/{id}`, `POST /v1/requests/{id}/cancel`, `POST /v1/uploads`, `GET /v1/files/...`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from billing.models import CreditEntry
from tests.helpers import client_for, dispatch, image_bytes
from workflows import tasks
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
PEOPLE = Path(__file__).resolve().parent / "fixtures"  # tada3.jpg: CC0, see fixtures/LICENSE-fixtures.md


def balance(client) -> int:
    client.tenant.refresh_from_db()
    return client.tenant.credit_balance


# --- reads ---------------------------------------------------------------------------------------


def test_get_request_right_after_dispatch(bearer):
    request_id = dispatch(bearer)
    response = bearer.get(f"/v1/requests/{request_id}")
    assert response.status_code == 200
    body = response.json()
    assert ISO.match(body.pop("created_at"))
    assert body == {
        "request_id": request_id,
        "workflow": "extract",
        "status": "NOT_STARTED",
        "credits_cost": 1,
        "credits_refunded": 0,
        "started_at": None,
        "finished_at": None,
        "result": None,
        "error": None,
    }


def test_other_tenants_request_is_404_for_read_and_cancel(bearer, make_tenant):
    request_id = dispatch(bearer)
    intruder = client_for(make_tenant("Intruder"))
    assert intruder.get(f"/v1/requests/{request_id}").json() == {"detail": "Request not found."}
    assert intruder.get(f"/v1/requests/{request_id}").status_code == 404
    response = intruder.post(f"/v1/requests/{request_id}/cancel")
    assert (response.status_code, response.json()) == (404, {"detail": "Request not found."})
    assert WorkflowJob.objects.get(pk=request_id).status == "NOT_STARTED"
    assert bearer.get("/v1/requests/01JUNKJUNKJUNKJUNKJUNKJUNK").status_code == 404


def test_cancel_refunds_once_and_a_second_cancel_is_409(bearer):
    request_id = dispatch(bearer)
    assert balance(bearer) == 9
    response = bearer.post(f"/v1/requests/{request_id}/cancel")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "CANCELLED" and body["credits_refunded"] == 1
    assert body["error"] == {"type": "cancelled", "message": "Cancelled by the client."}
    assert ISO.match(body["finished_at"])
    assert balance(bearer) == 10
    again = bearer.post(f"/v1/requests/{request_id}/cancel")
    assert (again.status_code, again.json()) == (
        409,
        {"detail": f"Request {request_id} is already finished (CANCELLED)."},
    )
    assert CreditEntry.objects.filter(request_id=request_id, kind="refund").count() == 1
    assert balance(bearer) == 10
    # The worker's message arrives late: nothing to claim, nothing changes.
    assert tasks.run_job(request_id) is None
    assert WorkflowJob.objects.get(pk=request_id).status == "CANCELLED"


def test_cancel_needs_write_scope(make_tenant, bearer):
    request_id = dispatch(bearer)
    reader = APIClient()
    created = make_tenant("Reader", scopes=["workflows:read"])
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    assert reader.post(f"/v1/requests/{request_id}/cancel").status_code == 403


def test_local_run_through_the_api_gives_cut_outs_the_caller_can_download(bearer, make_tenant):
    photo = (PEOPLE / "tada3.jpg").read_bytes()
    upload = bearer.post("/v1/uploads", {"file": SimpleUploadedFile("me.jpg", photo, "image/jpeg")}, format="multipart")
    assert upload.status_code == 201, upload.content
    request_id = dispatch(bearer, upload.json()["key"], extraction_context={"max_items": 3})
    assert tasks.run_job(request_id) == "COMPLETED"
    body = bearer.get(f"/v1/requests/{request_id}").json()
    assert body["status"] == "COMPLETED" and body["error"] is None and body["credits_refunded"] == 0
    assert ISO.match(body["started_at"]) and ISO.match(body["finished_at"])
    items = body["result"]["items"]
    assert 1 <= len(items) <= 3
    prefix = f"tenants/{bearer.tenant.pk}/jobs/{request_id}/"
    for item in items:
        # in the documented order (the stored result is jsonb, which had them bbox, label, score, mask_key, …)
        assert list(item) == ["label", "score", "bbox", "image_key", "mask_key", "image_url"]
        assert list(item["bbox"]) == ["x", "y", "width", "height"]
        assert item["image_key"].startswith(prefix) and item["mask_key"].startswith(prefix)
        assert item["image_url"] == f"http://testserver/v1/files/{item['image_key']}"
        download = bearer.get(item["image_url"])
        assert download.status_code == 200 and download["Content-Type"] == "image/png"
        cutout = Image.open(io.BytesIO(b"".join(download.streaming_content)))
        assert cutout.mode == "RGBA" and cutout.size == (item["bbox"]["width"], item["bbox"]["height"])
    # Another tenant cannot fetch those files; nobody can walk out of their prefix.
    intruder = client_for(make_tenant("Intruder"))
    assert intruder.get(items[0]["image_url"]).status_code == 404
    assert bearer.get(f"/v1/files/tenants/{bearer.tenant.pk}/../{intruder.tenant.pk}/x.png").status_code == 404
    # Finished: cancel is a 409 and nothing is refunded.
    response = bearer.post(f"/v1/requests/{request_id}/cancel")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": f"Request {request_id} is already finished (COMPLETED)."},
    )
    assert balance(bearer) == 9


# --- uploads -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, content_type, ext",
    [("JPEG", "image/jpeg", "jpg"), ("PNG", "image/png", "png"), ("WEBP", "image/webp", "webp")],
)
def test_upload_201(bearer, fmt, content_type, ext):
    data = image_bytes(fmt)
    response = bearer.post(
        "/v1/uploads", {"file": SimpleUploadedFile(f"x.{ext}", data, "application/octet-stream")}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert re.match(rf"^tenants/{bearer.tenant.pk}/uploads/[0-9A-Z]{{26}}\.{ext}$", body["key"])
    assert body == {"key": body["key"], "size": len(data), "content_type": content_type}
    assert default_storage.open(body["key"]).read() == data


def test_a_jpeg_carrying_a_second_picture_is_a_jpeg(bearer):
    """A JPEG whose MPF segment lists a second picture (a phone's gain or depth map; Pillow calls it "MPO") was 422
    "not a readable JPEG"; it is stored as a JPEG and its first picture, the photo, is segmented."""
    photo = Image.open(PEOPLE / "tada3.jpg")
    buffer = io.BytesIO()
    photo.save(buffer, format="MPO", save_all=True, append_images=[photo.convert("L").resize((64, 96))])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    response = bearer.post(
        "/v1/uploads", {"file": SimpleUploadedFile("hdr.jpg", buffer.getvalue(), "image/jpeg")}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "image/jpeg" and response.json()["key"].endswith(".jpg")
    request_id = dispatch(bearer, response.json()["key"], extraction_context={"max_items": 2})
    assert tasks.run_job(request_id) == "COMPLETED"
    assert bearer.get(f"/v1/requests/{request_id}").json()["result"]["items"]


def test_upload_rejects_what_is_not_a_decodable_image(bearer):
    invalid = {
        "detail": [
            {
                "type": "value_error",
                "loc": ["body", "file"],
                "msg": "Value error, the file is not a readable JPEG, PNG or WebP image",
            }
        ]
    }
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    truncated = image_bytes("JPEG", (200, 200))[:400]
    for name, data in [("a.jpg", b"hello"), ("b.gif", gif.getvalue()), ("c.jpg", truncated)]:
        response = bearer.post(
            "/v1/uploads", {"file": SimpleUploadedFile(name, data, "image/jpeg")}, format="multipart"
        )
        assert (response.status_code, response.json()) == (422, invalid), name


def test_upload_missing_file_and_too_large(bearer):
    response = bearer.post("/v1/uploads", {}, format="multipart")
    assert (response.status_code, response.json()) == (
        422,
        {"detail": [{"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": None}]},
    )
    big = SimpleUploadedFile("big.jpg", b"\xff" * (15 * 1024 * 1024 + 1), "image/jpeg")
    response = bearer.post("/v1/uploads", {"file": big}, format="multipart")
    assert (response.status_code, response.json()) == (413, {"detail": "The file is larger than 15 MB."})


def test_presign_needs_s3(bearer):
    response = bearer.post("/v1/uploads/presign", {"content_type": "image/jpeg"}, format="json")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Presigned uploads need S3 storage; use POST /v1/uploads."},
    )


def test_file_view_needs_auth(anon, bearer):
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/a.jpg", ContentFile(image_bytes()))
    assert anon.get(f"/v1/files/{key}").status_code == 401
    assert bearer.get(f"/v1/files/{key}").status_code == 200
    assert bearer.get(f"/v1/files/tenants/{bearer.tenant.pk}/uploads/none.jpg").json() == {"detail": "File not found."}


def test_files_are_served_as_the_schema_documents(anon, bearer):
    """Every type `GET /v1/files/{key}` answers a 200 with is one the OpenAPI document lists for it (it listed only
    `application/octet-stream` while images are served as their type)."""
    document = anon.get("/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    documented = set(document["paths"]["/v1/files/{key}"]["get"]["responses"]["200"]["content"])
    served = set()
    for name, data in [("a.jpg", image_bytes()), ("b.PNG", image_bytes("PNG")), ("c.webp", image_bytes("WEBP"))]:
        key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/{name}", ContentFile(data))
        served.add(bearer.get(f"/v1/files/{key}")["Content-Type"])
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/notes.txt", ContentFile(b"text"))
    download = bearer.get(f"/v1/files/{key}")
    served.add(download["Content-Type"])
    assert download["Content-Disposition"].startswith("attachment")
    assert served == documented == {"image/jpeg", "image/png", "image/webp", "application/octet-stream"}


@pytest.mark.parametrize("job_id", ["ab%00c", "not-a-request", "01h0000000000000000000000x"])
def test_ids_that_cannot_exist_are_404_not_500(bearer, job_id):
    for response in (bearer.get(f"/v1/requests/{job_id}"), bearer.post(f"/v1/requests/{job_id}/cancel")):
        assert response.status_code == 404 and response.json() == {"detail": "Request not found."}
