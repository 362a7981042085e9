"""The same API on S3 storage: moto's standalone server on 127.0.0.1, reached for real through
django-storages and boto3 (uploads, presigned POST, trial_image checks, cut-outs, presigned URLs)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
import requests
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.workflows.conftest import BUCKET
from workflows import tasks

pytestmark = pytest.mark.django_db
PEOPLE = Path(__file__).resolve().parent / "fixtures"  # tada3.jpg: CC0, see fixtures/LICENSE-fixtures.md


def test_upload_dispatch_run_and_download_on_s3(bearer, s3):
    photo = (PEOPLE / "tada3.jpg").read_bytes()
    upload = bearer.post("/v1/uploads", {"file": SimpleUploadedFile("me.jpg", photo, "image/jpeg")}, format="multipart")
    assert upload.status_code == 201, upload.content
    key = upload.json()["key"]
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == photo
    assert s3.head_object(Bucket=BUCKET, Key=key)["ContentType"] == "image/jpeg"

    response = bearer.post("/v1/extract", {"trial_image": key, "extraction_context": {"max_items": 2}}, format="json")
    assert response.status_code == 202, response.content
    request_id = response.json()["request_id"]
    assert tasks.run_job(request_id) == "COMPLETED"
    body = bearer.get(f"/v1/requests/{request_id}").json()
    items = body["result"]["items"]
    assert len(items) == 2
    listed = {
        o["Key"]
        for o in s3.list_objects_v2(Bucket=BUCKET, Prefix=f"tenants/{bearer.tenant.pk}/jobs/{request_id}/")["Contents"]
    }
    for item in items:
        assert {item["image_key"], item["mask_key"]} <= listed
        assert "X-Amz-Signature=" in item["image_url"] or "Signature=" in item["image_url"]
        download = requests.get(item["image_url"], timeout=5)  # presigned: no API key needed
        assert download.status_code == 200
        assert Image.open(io.BytesIO(download.content)).mode == "RGBA"
    # The authenticated file view redirects to a presigned URL on S3.
    redirect = bearer.get(f"/v1/files/{items[0]['image_key']}")
    assert redirect.status_code == 302 and redirect["Location"].startswith(s3.meta.endpoint_url)


def test_presigned_post_upload_then_dispatch(bearer, s3):
    response = bearer.post("/v1/uploads/presign", {"content_type": "image/png"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["key"].startswith(f"tenants/{bearer.tenant.pk}/uploads/") and body["key"].endswith(".png")
    assert body["expires_in"] == 900 and body["max_bytes"] == 15 * 1024 * 1024
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 200, 0)).save(buffer, format="PNG")
    posted = requests.post(
        body["url"], data=body["fields"], files={"file": ("x.png", buffer.getvalue(), "image/png")}, timeout=5
    )
    assert posted.status_code in (200, 201, 204), posted.text
    assert default_storage.exists(body["key"])
    dispatched = bearer.post("/v1/extract", {"trial_image": body["key"]}, format="json")
    assert dispatched.status_code == 202, dispatched.content
    # The signed policy pins the type and the size (moto accepts any POST; real S3 enforces the policy).
    policy = json.loads(base64.b64decode(body["fields"]["policy"]))
    assert {"Content-Type": "image/png"} in policy["conditions"]
    assert ["content-length-range", 1, 15 * 1024 * 1024] in policy["conditions"]


def test_presign_validates_content_type(bearer, s3):
    response = bearer.post("/v1/uploads/presign", {"content_type": "text/html", "x": 1}, format="json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "extra_forbidden", "loc": ["body", "x"], "msg": "Extra inputs are not permitted", "input": 1},
            {
                "type": "literal_error",
                "loc": ["body", "content_type"],
                "msg": "Input should be 'image/jpeg', 'image/png' or 'image/webp'",
                "input": "text/html",
                "ctx": {"expected": "'image/jpeg', 'image/png' or 'image/webp'"},
            },
        ]
    }


def test_presign_without_a_body_is_a_missing_body(bearer, s3):
    response = bearer.generic("POST", "/v1/uploads/presign", b"", content_type="application/json")
    assert (response.status_code, response.json()) == (
        422,
        {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]},
    )


def test_trial_image_checks_on_s3(bearer, s3, make_tenant):
    other = make_tenant("Other")
    s3.put_object(Bucket=BUCKET, Key=f"tenants/{other.tenant.pk}/uploads/a.jpg", Body=b"x")
    s3.put_object(Bucket=BUCKET, Key=f"tenants/{bearer.tenant.pk}/uploads/fake.jpg", Body=b"not an image")
    cases = {
        f"tenants/{other.tenant.pk}/uploads/a.jpg": f"Value error, trial_image must be a storage key under your namespace 'tenants/{bearer.tenant.pk}/'",
        f"tenants/{bearer.tenant.pk}/uploads/missing.jpg": "Value error, no object exists at this key",
        f"tenants/{bearer.tenant.pk}/uploads/fake.jpg": "Value error, the object at this key is not a JPEG, PNG or WebP image",
    }
    for key, msg in cases.items():
        response = bearer.post("/v1/extract", {"trial_image": key}, format="json")
        assert response.json() == {
            "detail": [{"type": "value_error", "loc": ["body", "trial_image"], "msg": msg, "input": key}]
        }
