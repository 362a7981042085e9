"""Photos whose decode costs far more than their size: an upload is refused before Pillow decodes it (nothing
stored); one that reaches storage another way (a presigned S3 upload, a key written directly) fails its job in the
worker before the decode, refunded once."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from billing.models import CreditEntry
from tests.workers import wait_for
from tests.workflows.conftest import BUCKET
from workflows import tasks
from workflows.images import MAX_JPEG_SCANS, jpeg_scan_count
from workflows.models import WorkflowJob

PIXELS = "the image has more than 50,000,000 pixels"
SCANS = "the JPEG has more than 100 scans (progressive passes)"


def progressive_jpeg(size: int = 64, mode: str = "RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (size, size), 128 if mode == "L" else (120, 60, 30)).save(
        buffer, format="JPEG", progressive=True, quality=10, **save
    )
    return buffer.getvalue()


def scans_of(data: bytes) -> list[bytes]:
    """Each SOS segment of a JPEG with its entropy-coded data."""
    pos, scans = 2, []
    while data[pos + 1] != 0xD9:
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if data[pos + 1] != 0xDA:
            pos += 2 + length
            continue
        end = pos + 2 + length
        while data[end + 1] == 0 or 0xD0 <= data[end + 1] <= 0xD7 or data[end] != 0xFF:
            end = data.index(b"\xff", end + 1)
        scans.append(data[pos:end])
        pos = end
    return scans


def scan_bomb(size: int, extra_scans: int) -> bytes:
    """A valid progressive JPEG plus `extra_scans` repeats of its smallest AC scan: libjpeg warns and decodes each,
    a pass over every block of the image however few bytes the scan holds."""
    data = progressive_jpeg(size, "L")
    smallest = min(scans_of(data)[1:], key=len)
    return data[:-2] + smallest * extra_scans + b"\xff\xd9"


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels and holds 100 bytes of them."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(100))) + chunk(b"IEND", b"")
    )


def refused(message: str) -> dict:
    return {"detail": [{"type": "value_error", "loc": ["body", "file"], "msg": f"Value error, {message}"}]}


def upload(bearer, data: bytes):
    return bearer.post("/v1/uploads", {"file": SimpleUploadedFile("a.jpg", data, "image/jpeg")}, format="multipart")


def test_a_jpeg_of_many_scans_is_refused_before_its_decode(bearer, media):
    """20,000 scans of 75 bytes on a 7,000 x 7,000 image (1.7 MB) held an upload for minutes of CPU, past every
    timeout, with no answer. This one (2,000 x 2,000, 3,000 scans, 42 KB) took ~1 s to decode and was stored."""
    bomb = scan_bomb(2000, 3000)
    assert jpeg_scan_count(bomb, limit=10**6) == 3006
    response = upload(bearer, bomb)
    assert (response.status_code, response.json()) == (
        422,
        {
            "detail": [
                {
                    "type": "value_error",
                    "loc": ["body", "file"],
                    "msg": f"Value error, the JPEG has more than {MAX_JPEG_SCANS} scans (progressive passes)",
                }
            ]
        },
    )
    assert not list(media.rglob("*.jpg"))


def test_ordinary_progressive_jpegs_are_stored(bearer):
    """libjpeg's progressive scripts (6 scans grey, 10 colour), optimised ones, an Exif block and a scan-looking
    byte run inside an APP segment (skipped with its segment, not counted) stay within the limit."""
    exif = Image.Exif()
    exif[0x010E] = "x" * 100
    colour = progressive_jpeg(optimize=True, exif=exif.tobytes())
    grey = progressive_jpeg(mode="L")
    app = b"\xff\xe5" + struct.pack(">H", 2 + 2 * 300) + b"\xff\xda" * 300
    padded = colour[:2] + app + colour[2:]
    assert [jpeg_scan_count(d) for d in (colour, grey, padded)] == [10, 6, 10]
    boundary = scan_bomb(64, MAX_JPEG_SCANS - 6)
    assert jpeg_scan_count(boundary) == MAX_JPEG_SCANS
    for data in (colour, grey, padded, boundary):
        response = upload(bearer, data)
        assert response.status_code == 201, response.content


def test_an_upload_over_50_megapixels_names_the_cap(bearer, media):
    """It said "not a readable JPEG, PNG or WebP image", as for bytes that are no image; past Pillow's own cap
    (2 x 89 megapixels, its DecompressionBombError) as well."""
    for width, height in [(8000, 8000), (100_000, 100_000)]:
        response = upload(bearer, png_header(width, height))
        assert (response.status_code, response.json()) == (422, refused(PIXELS)), (width, height)
    assert not list(media.rglob("*.*"))


def dispatch_ended(bearer, job_id: str) -> dict:
    """The job as the API shows it, with its ledger: one charge and one refund, the balance whole again."""
    body = bearer.get(f"/v1/requests/{job_id}").json()
    kinds = sorted(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True))
    bearer.tenant.refresh_from_db()
    assert (kinds, bearer.tenant.credit_balance) == (["charge", "refund"], 10)
    call_command("check_ledger")
    return body


@pytest.mark.django_db
@pytest.mark.parametrize("bomb, reason", [((scan_bomb, 4000, 3000), SCANS), ((png_header, 10_000, 10_000), PIXELS)])
def test_a_photo_stored_around_the_upload_check_fails_its_job_before_the_decode(bearer, bomb, reason):
    """The worker decoded such a photo unchecked: 3,000 scans on 4,000 x 4,000 (156 KB) cost 6.5 s of CPU before
    the segmentation even started (20,000 scans on 7,000 x 7,000, 1.7 MB: past the job's time limit, then retried);
    now the upload's own check refuses it in the worker in milliseconds."""
    make, *size = bomb
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/bomb.img", ContentFile(make(*size)))
    response = bearer.post("/v1/extract", {"trial_image": key}, format="json")
    assert response.status_code == 202, response.content
    job_id = response.json()["request_id"]
    started = time.process_time()
    assert tasks.run_job(job_id) == "FAILED"
    assert time.process_time() - started < 1.0
    body = dispatch_ended(bearer, job_id)
    assert (body["status"], body["credits_refunded"], body["result"]) == ("FAILED", 1, None)
    assert body["error"] == {"type": "image_unreadable", "message": f"The trial image could not be decoded: {reason}."}


def test_a_presigned_scan_bomb_fails_in_a_real_worker_once_refunded(bearer, s3, moto_url, start_worker):
    """A presigned POST puts the bytes straight into the bucket: the dispatch reads the photo's header only (202), and
    the worker, on the same S3, refuses it at its first attempt before decoding it."""
    presign = bearer.post("/v1/uploads/presign", {"content_type": "image/jpeg"}, format="json").json()
    bomb = scan_bomb(4000, 10_000)  # 21 s of a worker's CPU to decode, then the segmentation's
    posted = requests.post(
        presign["url"], data=presign["fields"], files={"file": ("a.jpg", bomb, "image/jpeg")}, timeout=5
    )
    assert posted.status_code in (200, 201, 204), posted.text
    assert s3.get_object(Bucket=BUCKET, Key=presign["key"])["Body"].read() == bomb
    start_worker(
        "bomb",
        queues="studio",
        STUDIO_BACKEND="local",
        STORAGE_BACKEND="s3",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=moto_url,
    )
    response = bearer.post("/v1/extract", {"trial_image": presign["key"]}, format="json")
    assert response.status_code == 202, response.content
    job_id = response.json()["request_id"]
    wait_for(lambda: WorkflowJob.objects.get(pk=job_id).status == "FAILED", timeout=60)
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.attempts == 1 and (job.finished_at - job.started_at).total_seconds() < 3
    body = dispatch_ended(bearer, job_id)
    assert (body["status"], body["credits_refunded"]) == ("FAILED", 1)
    assert body["error"] == {"type": "image_unreadable", "message": f"The trial image could not be decoded: {SCANS}."}
