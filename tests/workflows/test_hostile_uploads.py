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
from workflows.definitions.extract import EXTRACT
from workflows.images import MAX_JPEG_SCANS, jpeg_scan_count
from workflows.models import WorkflowJob
from workflows.studio.base import StudioJobFailed

PIXELS = "the image has more than 50,000,000 pixels"
SCANS = "the JPEG has more than 100 scans (progressive passes)"
SEGMENTS = "the JPEG has more than 10,000 marker segments"
GAP = "the JPEG has more than 65,536 bytes of fill or junk between its marker segments"
CHUNKS = "the PNG has more than 100,000 chunks"


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


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *chunks: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + b"".join(chunks) + chunk(b"IEND", b"")


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels and holds 100 bytes of them."""
    return png(width, height, chunk(b"IDAT", zlib.compress(bytes(100))))


def png_chunks(count: int) -> bytes:
    """A valid 64 x 64 PNG with `count` empty ancillary chunks before its data: Pillow reads each in Python."""
    return png(64, 64, chunk(b"abCd", b"") * count, chunk(b"IDAT", zlib.compress(bytes(64 * (1 + 64 * 3)))))


def plain_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (120, 60, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def empty_segments(count: int) -> bytes:
    """A JPEG with `count` empty APP0 segments before its own: Pillow reads each in Python when it opens the file."""
    data = plain_jpeg()
    return data[:2] + b"\xff\xe0\x00\x02" * count + data[2:]


def fill_bytes(count: int) -> bytes:
    """A JPEG with `count` fill bytes (0xFF) before its first marker: Pillow reads them one at a time."""
    data = plain_jpeg()
    return data[:2] + b"\xff" * count + data[2:]


# Built when a test runs (the 4,000 x 4,000 ones cost a second each): the maker, its arguments, the refusal.
BOMBS = {
    "scans": ((scan_bomb, 4000, 3000), SCANS),
    "pixels": ((png_header, 10_000, 10_000), PIXELS),
    "segments": ((empty_segments, 3_900_000), SEGMENTS),
    "fill": ((fill_bytes, 15_000_000), GAP),
    "chunks": ((png_chunks, 1_250_000), CHUNKS),
}


def bomb(name: str) -> bytes:
    (make, *args), _reason = BOMBS[name]
    return make(*args)


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


def test_uploads_over_the_pixel_cap_or_with_a_costly_jpeg_structure_are_refused_at_once(bearer, media):
    """Over 50 MP it said "not a readable JPEG, PNG or WebP image", as for bytes that are no image (past Pillow's own
    cap of 2 x 89 MP too). 3.9 million empty JPEG segments (15.6 MB) and 15 MB of fill bytes cost each `Image.open`
    12 s of CPU before it found the picture, 1.25 million empty PNG chunks (15 MB) 6-7 s, and an upload opened the
    file twice and verified it (20-30 s, near the request timeout)."""
    for name in ("pixels", "segments", "fill", "chunks"):
        started = time.process_time()
        response = upload(bearer, bomb(name))
        assert (response.status_code, response.json()) == (422, refused(BOMBS[name][1])), name
        assert time.process_time() - started < 2.0, name
    response = upload(bearer, png_header(100_000, 100_000))
    assert (response.status_code, response.json()) == (422, refused(PIXELS))
    assert not list(media.rglob("*.*"))
    ordinary = empty_segments(9_990), fill_bytes(60_000), png_chunks(99_990)  # within the bounds: < 1 s
    assert [upload(bearer, data).status_code for data in ordinary] == [201, 201, 201]


def trial_image_refused(key: str, message: str) -> dict:
    error = {"type": "value_error", "loc": ["body", "trial_image"], "msg": f"Value error, {message}", "input": key}
    return {"detail": [error]}


@pytest.mark.django_db
@pytest.mark.parametrize("name", BOMBS)
def test_a_stored_photo_the_upload_would_refuse_is_refused_at_dispatch(bearer, name):
    """A key written without the upload's check (on S3: a presigned POST) was dispatched (202, charged): the dispatch
    read the photo's header only, and the worker decoded it unchecked (3,000 scans on 4,000 x 4,000, 156 KB: 6.5 s of
    CPU before the segmentation started). Now 422 with the upload's own reason, nothing charged."""
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/bomb.img", ContentFile(bomb(name)))
    started = time.process_time()
    response = bearer.post("/v1/extract", {"trial_image": key}, format="json")
    assert time.process_time() - started < 2.0
    assert (response.status_code, response.json()) == (422, trial_image_refused(key, BOMBS[name][1]))
    assert not WorkflowJob.objects.exists() and not CreditEntry.objects.filter(kind="charge").exists()


@pytest.mark.django_db
def test_a_stored_object_over_15_mb_is_refused_at_dispatch(bearer):
    """The dispatch reads the object in one request, at most 15 MB + 1 byte of it: a photo with 16 MB after its end
    was dispatched (202, charged)."""
    data = plain_jpeg() + bytes(16 * 1024 * 1024)
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/big.jpg", ContentFile(data))
    response = bearer.post("/v1/extract", {"trial_image": key}, format="json")
    assert (response.status_code, response.json()) == (422, trial_image_refused(key, "the object is larger than 15 MB"))
    assert not WorkflowJob.objects.exists()


def test_the_worker_decode_refuses_it_too(bearer):
    """Between the worker's own check of the key and its read, the object can still change: the decode runs the same
    check, and the job ends `image_unreadable` with its reason."""
    for name in BOMBS:
        key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/{name}.img", ContentFile(bomb(name)))
        with pytest.raises(StudioJobFailed) as failed:
            EXTRACT.run_local({"trial_image": key}, f"tenants/{bearer.tenant.pk}/jobs/x/")
        reason = BOMBS[name][1]
        assert (failed.value.error_type, failed.value.message) == (
            "image_unreadable",
            f"The trial image could not be decoded: {reason}.",
        ), name


def ledger_of(bearer, job_id: str) -> list[str]:
    bearer.tenant.refresh_from_db()
    assert bearer.tenant.credit_balance == 10
    call_command("check_ledger")
    return sorted(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True))


def test_a_photo_replaced_after_its_dispatch_fails_at_the_first_attempt_refunded(bearer, s3, moto_url, start_worker):
    """A presigned POST stays valid for 15 minutes: the same form puts a scan bomb over the photo a dispatch has
    checked. The worker, on the same S3, found and decoded it unchecked (10,000 scans on 4,000 x 4,000, 513 KB: 24.7 s
    of the worker, then `no_items_found`); now it refuses it at the first attempt in well under a second, refunded
    once."""
    presign = bearer.post("/v1/uploads/presign", {"content_type": "image/jpeg"}, format="json").json()

    def post(data: bytes) -> None:
        files = {"file": ("a.jpg", data, "image/jpeg")}
        posted = requests.post(presign["url"], data=presign["fields"], files=files, timeout=5)
        assert posted.status_code in (200, 201, 204), posted.text

    post(plain_jpeg())
    response = bearer.post("/v1/extract", {"trial_image": presign["key"]}, format="json")
    assert response.status_code == 202, response.content
    job_id = response.json()["request_id"]
    post(scan_bomb(4000, 10_000))
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
    wait_for(lambda: WorkflowJob.objects.get(pk=job_id).status == "FAILED", timeout=60)
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.attempts == 1 and (job.finished_at - job.started_at).total_seconds() < 3
    body = bearer.get(f"/v1/requests/{job_id}").json()
    assert (body["status"], body["credits_refunded"], body["result"]) == ("FAILED", 1, None)
    assert body["error"] == {"type": "invalid_input", "message": f"trial_image: Value error, {SCANS}"}
    assert ledger_of(bearer, job_id) == ["charge", "refund"]
