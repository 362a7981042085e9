"""The remote (`http`) Studio, hostile or broken, against a fake Studio served by a real local HTTP server: a photo that
reached storage without the upload's check is refused before it is handed to Studio (at dispatch, and at the worker's
first attempt), and whatever Studio answers or writes back — odd JSON, odd result values, keys or objects that are no
PNG cut-out — ends the job cleanly (`FAILED`, refunded exactly once), never a crash that leaves it polled for ever,
never a 5xx in the API or the admin."""

from __future__ import annotations

import gzip
import io
import json
import threading
import time
from datetime import timedelta

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from PIL import Image

from billing.models import CreditEntry
from tests.helpers import client_for, dispatch
from tests.servers import FakeStudio
from tests.workers import wait_for
from tests.workflows.conftest import BUCKET
from tests.workflows.test_hostile_uploads import BOMBS, SCANS, bomb, plain_jpeg, png_chunks, scan_bomb
from tests.workflows.test_studio_http import assert_failed, make_due, refunds
from workflows import services, tasks
from workflows.models import WorkflowJob

pytestmark = pytest.mark.django_db


def use_http_studio(settings, fake: FakeStudio) -> None:
    settings.STUDIO_BACKEND = "http"
    settings.STUDIO_URL = fake.url
    settings.STUDIO_TOKEN = "studio-secret"
    settings.STUDIO_CONNECT_TIMEOUT = 0.5
    settings.STUDIO_READ_TIMEOUT = 2.0
    settings.STUDIO_RETRIES = 0
    settings.STUDIO_RETRY_BACKOFF = 0.01
    settings.STUDIO_POLL_INTERVAL = 5
    settings.STUDIO_MAX_POLL_FAILURES = 3


@pytest.fixture
def studio(settings, media):
    fake = FakeStudio().start()
    use_http_studio(settings, fake)
    yield fake
    fake.close()


def png_bytes(size=(20, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (255, 0, 0, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def trial_image_refused(key: str, message: str) -> dict:
    error = {"type": "value_error", "loc": ["body", "trial_image"], "msg": f"Value error, {message}", "input": key}
    return {"detail": [error]}


# --- the photo: refused before Studio sees it ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pixels", "segments", "chunks", "html"])
def test_a_stored_bomb_or_non_image_is_refused_at_dispatch_and_never_reaches_studio(bearer, studio, name):
    """The dispatch checks the stored object itself, whichever backend runs the job: 422 at `trial_image`, nothing
    charged, nothing created, Studio never called."""
    data = b"<html><script>alert(1)</script></html>" if name == "html" else bomb(name)
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/{name}.jpg", ContentFile(data))
    response = bearer.post("/v1/extract", {"trial_image": key}, format="json")
    message = "the object at this key is not a JPEG, PNG or WebP image" if name == "html" else BOMBS[name][1]
    assert (response.status_code, response.json()) == (422, trial_image_refused(key, message))
    assert not WorkflowJob.objects.exists() and not CreditEntry.objects.filter(kind="charge").exists()
    assert studio.calls == []


def test_a_photo_replaced_between_a_failed_submit_and_its_retry_is_refused_refunded_once(bearer, studio):
    """Studio was down at the first attempt (the job went back to the queue, charged once, not refunded); the photo is
    replaced by a scan bomb before the retry. The retry checks it again and ends the job `invalid_input`, refunded
    once, with no second submit."""
    studio.submit_script = [(503,)]
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/p.jpg", ContentFile(plain_jpeg()))
    job_id = dispatch(bearer, key)
    assert tasks.run_job(job_id) == "NOT_STARTED" and refunds(job_id) == 0
    default_storage.delete(key)
    default_storage.save(key, ContentFile(scan_bomb(64, 200)))
    WorkflowJob.objects.filter(pk=job_id).update(available_at=WorkflowJob.objects.get(pk=job_id).created_at)
    assert tasks.run_job(job_id) == "FAILED"
    job = assert_failed(bearer, job_id, "FAILED", "invalid_input")
    assert job.error["message"] == f"trial_image: Value error, {SCANS}"
    assert len([c for c in studio.calls if c[:2] == ("POST", "/v1/jobs")]) == 1
    assert sorted(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True)) == ["charge", "refund"]


def test_the_remote_studio_is_handed_a_copy_of_the_checked_photo_under_the_job_prefix(bearer, studio):
    """Studio was handed the upload's own key and read it when its queue reached the job, minutes later maybe: a
    presigned form still valid then put a scan bomb in its place after our last check, for Studio to decode. Studio
    is now handed the bytes we checked, copied under the job's prefix (which no tenant can write)."""
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/p.jpg", ContentFile(plain_jpeg()))
    job_id = dispatch(bearer, key)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    pinned = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/input/trial.jpg"
    (submit,) = [c for c in studio.calls if c[:2] == ("POST", "/v1/jobs")]
    assert submit[3]["input"]["trial_image"] == pinned
    default_storage.delete(key)
    default_storage.save(key, ContentFile(scan_bomb(64, 200)))  # the upload replaced after the submit
    with default_storage.open(pinned, "rb") as handle:
        assert handle.read() == plain_jpeg()
    assert WorkflowJob.objects.get(pk=job_id).input["trial_image"] == key  # the job shows what the tenant sent
    studio.complete(f"st-{job_id}")
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    assert bearer.get(f"/v1/requests/{job_id}").json()["status"] == "COMPLETED"


def test_a_photo_replaced_after_its_dispatch_is_refused_by_the_copy_refunded_once(bearer, studio):
    """The copy is checked on the bytes it copies (the attempt's one read of the photo): a photo replaced after its
    dispatch fails the job before the submit, refunded once."""
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/p.jpg", ContentFile(plain_jpeg()))
    job_id = dispatch(bearer, key)
    default_storage.delete(key)
    default_storage.save(key, ContentFile(scan_bomb(64, 200)))
    assert tasks.run_job(job_id) == "FAILED"
    job = assert_failed(bearer, job_id, "FAILED", "invalid_input")
    assert job.error["message"] == f"trial_image: Value error, {SCANS}"
    assert studio.calls == []
    assert not default_storage.exists(f"tenants/{bearer.tenant.pk}/jobs/{job_id}/input/trial.jpg")


@pytest.mark.django_db(transaction=True)
def test_a_job_cancelled_while_its_photo_is_copied_keeps_no_copy_and_is_never_submitted(
    make_tenant, studio, monkeypatch
):
    """The tenant cancels (another connection, committed: refunded, the job's prefix emptied) while the worker reads
    the photo it is about to copy. The copy was written after that clean-up and stayed under the prefix of a
    cancelled job for good (and the job was submitted to Studio anyway, then cancelled there). Now the worker sees
    its lease gone: no copy stays, Studio is never asked to run it."""
    import workflows.definitions.extract as extract

    created = make_tenant("Canceller")
    client = client_for(created)
    key = default_storage.save(f"tenants/{created.tenant.pk}/uploads/p.jpg", ContentFile(plain_jpeg()))
    job_id = dispatch(client, key)
    read_image = extract.read_image

    def read_then_cancel(key):
        read = read_image(key)

        def cancel():
            try:
                services.job_cancel(job_id=job_id, tenant_id=created.tenant.pk)
            finally:
                connection.close()

        thread = threading.Thread(target=cancel)
        thread.start()
        thread.join()
        return read

    monkeypatch.setattr(extract, "read_image", read_then_cancel)
    assert tasks.run_job(job_id) == "CANCELLED"
    assert not default_storage.exists(f"tenants/{created.tenant.pk}/jobs/{job_id}/input/trial.jpg")
    assert studio.calls == []
    assert refunds(job_id) == 1


def test_a_photo_replaced_after_its_dispatch_is_never_handed_to_the_remote_studio(
    bearer, s3, moto_url, start_worker, settings
):
    """Presigned POSTs on moto's S3 and a real Celery worker whose Studio is the remote one. One photo is replaced by a
    scan bomb after its dispatch: the worker checks it again before the submit, `FAILED` `invalid_input` at the first
    attempt, refunded once, and Studio is never asked to decode it. Another is submitted: Studio is handed a copy of
    the checked bytes under the job's prefix, which a later POST of the same form does not touch."""
    fake = FakeStudio().start()
    try:
        use_http_studio(settings, fake)

        def presigned():
            form = bearer.post("/v1/uploads/presign", {"content_type": "image/jpeg"}, format="json").json()

            def post(data: bytes) -> None:
                files = {"file": ("a.jpg", data, "image/jpeg")}
                posted = requests.post(form["url"], data=form["fields"], files=files, timeout=5)
                assert posted.status_code in (200, 201, 204), posted.text

            post(plain_jpeg())
            response = bearer.post("/v1/extract", {"trial_image": form["key"]}, format="json")
            assert response.status_code == 202, response.content
            return response.json()["request_id"], post

        job_id, post = presigned()
        kept_id, post_kept = presigned()
        post(scan_bomb(4000, 10_000))
        start_worker(
            "remote",
            queues="studio",
            STUDIO_BACKEND="http",
            STUDIO_URL=fake.url,
            STUDIO_RETRIES=0,
            STORAGE_BACKEND="s3",
            AWS_ACCESS_KEY_ID="test",
            AWS_SECRET_ACCESS_KEY="test",
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=moto_url,
        )
        wait_for(lambda: WorkflowJob.objects.get(pk=job_id).status == "FAILED", timeout=60)
        job = WorkflowJob.objects.get(pk=job_id)
        assert job.attempts == 1 and job.studio_backend == "http" and job.studio_job_id == ""
        body = bearer.get(f"/v1/requests/{job_id}").json()
        assert (body["status"], body["credits_refunded"], body["result"]) == ("FAILED", 1, None)
        assert body["error"] == {"type": "invalid_input", "message": f"trial_image: Value error, {SCANS}"}
        assert sorted(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True)) == [
            "charge",
            "refund",
        ]

        wait_for(lambda: WorkflowJob.objects.get(pk=kept_id).studio_job_id, timeout=60)
        submits = [c for c in fake.calls if c[:2] == ("POST", "/v1/jobs")]
        pinned = f"tenants/{bearer.tenant.pk}/jobs/{kept_id}/input/trial.jpg"
        assert [c[3]["client_ref"] for c in submits] == [kept_id]
        assert submits[0][3]["input"]["trial_image"] == pinned
        post_kept(scan_bomb(4000, 10_000))
        assert s3.get_object(Bucket=BUCKET, Key=pinned)["Body"].read() == plain_jpeg()
        assert bearer.post(f"/v1/requests/{kept_id}/cancel").status_code == 200
        bearer.tenant.refresh_from_db()
        assert bearer.tenant.credit_balance == 10
        call_command("check_ledger")
    finally:
        fake.close()


# --- what Studio answers ------------------------------------------------------------------------------------------


def submitted(bearer, studio) -> tuple[str, str]:
    """A dispatched job submitted to the fake Studio: (our job id, its output prefix)."""
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    return job_id, f"tenants/{bearer.tenant.pk}/jobs/{job_id}/"


def item(prefix: str, **fields) -> dict:
    return {
        "label": "top",
        "score": 0.9,
        "bbox": {"x": 1, "y": 2, "width": 20, "height": 30},
        "image_key": prefix + "items/0-top.png",
        "mask_key": prefix + "items/0-top-mask.png",
        **fields,
    }


def completed(*items) -> dict:
    return {"status": "COMPLETED", "progress": 1.0, "result": {"items": list(items)}}


def raw(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


UNUSABLE = "Studio status failed: Studio answered unusable JSON on GET /v1/jobs/st-{job_id}: "
MALFORMED = "Studio returned a malformed result: "


def completed_raw(prefix: str, **raw_fields: str) -> bytes:
    """A COMPLETED answer as JSON text, one item's fields replaced by raw JSON text (NaN, 1e400, "\\ud800")."""
    return raw('{"status": "COMPLETED", "result": {"items": [' + _item_text(prefix, **raw_fields) + "]}}")


# (name, the status answer as a function of the output prefix, the message the failed job shows; None: no failure)
ANSWERS = [
    ("score NaN", lambda p: completed_raw(p, score="NaN"), UNUSABLE + "not JSON"),
    ("score 1e400", lambda p: completed_raw(p, score="1e400"), UNUSABLE + "a number out of range"),
    ("bbox Infinity", lambda p: completed_raw(p, bbox='{"x": Infinity}'), UNUSABLE + "not JSON"),
    (
        "progress 10^400",
        lambda p: raw('{"status": "IN_PROGRESS", "progress": 1' + "0" * 400 + "}"),
        UNUSABLE + "a number out of range",
    ),
    ("progress -5", lambda p: {"status": "IN_PROGRESS", "progress": -5}, None),
    ("progress a string", lambda p: {"status": "IN_PROGRESS", "progress": "half"}, None),
    ("NUL in a label", lambda p: completed(item(p, label="to\x00p")), UNUSABLE + "a NUL character"),
    ("lone surrogate in a label", lambda p: completed_raw(p, label='"\\ud800"'), UNUSABLE + "not valid Unicode"),
    (
        "NUL in an error message",
        lambda p: {"status": "FAILED", "error": {"type": "x", "message": "a\x00b"}},
        UNUSABLE + "a NUL character",
    ),
    (
        "result nested 100,000 deep",
        lambda p: raw('{"status": "COMPLETED", "result": {"items": ' + "[" * 100_000 + "]" * 100_000 + "}}"),
        UNUSABLE + "nested too deep",
    ),
    ("not JSON", lambda p: b"<html>502</html>", UNUSABLE + "not JSON"),
    (
        "an answer over 1 MB",
        lambda p: completed(item(p, label="x" * 1_100_000)),
        "Studio status failed: Studio answered more than 1,048,576 bytes on GET /v1/jobs/st-{job_id}",
    ),
    (
        "a gzip bomb",
        lambda p: (gzip.compress(b" " * 50_000_000), {"Content-Encoding": "gzip"}),
        "Studio status failed: Studio answered more than 1,048,576 bytes on GET /v1/jobs/st-{job_id}",
    ),
    (
        "status a list",
        lambda p: {"status": ["COMPLETED"]},
        "Studio status failed: Studio answered an unknown status ['COMPLETED']",
    ),
    (
        "score 1e308",
        lambda p: completed(item(p, score=1e308)),
        MALFORMED + "item 0: score must be a number from 0 to 1.",
    ),
    ("score true", lambda p: completed(item(p, score=True)), MALFORMED + "item 0: score must be a number from 0 to 1."),
    (
        "bbox 1e300",
        lambda p: completed(item(p, bbox={"x": 1e300})),
        MALFORMED + "item 0: bbox.x must be a number from 0 to 50,000,000.",
    ),
    (
        "bbox negative",
        lambda p: completed(item(p, bbox={"x": 1, "y": -5, "width": 1, "height": 1})),
        MALFORMED + "item 0: bbox.y must be a number from 0 to 50,000,000.",
    ),
    ("bbox a list", lambda p: completed(item(p, bbox=[1, 2, 3, 4])), MALFORMED + "item 0: bbox must be an object."),
    (
        "label 500 KB",
        lambda p: completed(item(p, label="x" * 500_000)),
        MALFORMED + "item 0: label must be a string of at most 100 printable characters.",
    ),
    (
        "label a dict",
        lambda p: completed(item(p, label={"a": [1, 2]})),
        MALFORMED + "item 0: label must be a string of at most 100 printable characters.",
    ),
    (
        "label false",
        lambda p: completed(item(p, label=False)),
        MALFORMED + "item 0: label must be a string of at most 100 printable characters.",
    ),
    (
        "label with a newline",
        lambda p: completed(item(p, label="top\n<script>")),
        MALFORMED + "item 0: label must be a string of at most 100 printable characters.",
    ),
    (
        "9 items",
        lambda p: completed(*[item(p) for _ in range(9)]),
        MALFORMED + "9 items, more than the 4 the job asked for.",
    ),
    ("an item that is a string", lambda p: completed("item"), MALFORMED + "item 0 is not an object."),
    (
        "result a list",
        lambda p: {"status": "COMPLETED", "result": [1]},
        "Studio status failed: Studio reported COMPLETED without a result",
    ),
    (
        "key outside the prefix",
        lambda p: completed(item(p, image_key=p.replace("/jobs/", "/uploads/") + "x.png")),
        MALFORMED + "item 0: image_key must name a PNG under the job's output prefix.",
    ),
    (
        "key with ..",
        lambda p: completed(item(p, mask_key=p + "items/../../../uploads/p.jpg")),
        MALFORMED + "item 0: mask_key must name a PNG under the job's output prefix.",
    ),
    (
        "key of another type",
        lambda p: completed(item(p, image_key=p + "items/0.html")),
        MALFORMED + "item 0: image_key must name a PNG under the job's output prefix.",
    ),
    (
        "key with a control character",
        lambda p: completed(item(p, image_key=p + "items/0\n.png")),
        MALFORMED + "item 0: image_key must name a PNG under the job's output prefix.",
    ),
    (
        "key a number",
        lambda p: completed(item(p, image_key=12)),
        MALFORMED + "item 0: image_key must name a PNG under the job's output prefix.",
    ),
    (
        "key never written",
        lambda p: completed(item(p, image_key=p + "items/missing.png")),
        MALFORMED + "item 0: image_key names no stored object.",
    ),
    (
        "html written as a png",
        lambda p: completed(item(p, image_key=p + "items/html.png")),
        MALFORMED + "item 0: image_key is not a PNG image.",
    ),
    (
        "a jpeg written as a png",
        lambda p: completed(item(p, mask_key=p + "items/jpeg.png")),
        MALFORMED + "item 0: mask_key is not a PNG image.",
    ),
    (
        "a png chunk bomb",
        lambda p: completed(item(p, image_key=p + "items/bomb.png")),
        MALFORMED + "item 0: image_key is not a PNG image we can serve: the PNG has more than 100,000 chunks.",
    ),
    (
        "a png over 50 MP",
        lambda p: completed(item(p, image_key=p + "items/huge.png")),
        MALFORMED + "item 0: image_key is not a PNG image we can serve: the image has more than 50,000,000 pixels.",
    ),
    (
        "an object over 15 MB",
        lambda p: completed(item(p, image_key=p + "items/big.png")),
        MALFORMED + "item 0: image_key is not a PNG image we can serve: the object is larger than 15 MB.",
    ),
    (
        "a FAILED error of odd types",
        lambda p: {"status": "FAILED", "error": {"type": ["image_unreadable"], "message": {"m": 1}}},
        "Studio reported FAILED.",
    ),
    (
        "a FAILED error message of 500 KB",
        lambda p: {"status": "FAILED", "error": {"type": "no_items_found", "message": "m" * 500_000}},
        "m" * 1000,
    ),
]


def _item_text(prefix: str, **raw_fields) -> str:
    """One item as JSON text, with some fields replaced by raw JSON text (NaN, 1e400, "\\ud800")."""
    text = json.dumps(item(prefix, **{k: f"@{k}@" for k in raw_fields}))
    for name, value in raw_fields.items():
        text = text.replace(f'"@{name}@"', value)
    return text


def write_outputs(prefix: str) -> None:
    """What a hostile Studio writes under the job's prefix beside the ordinary cut-out and mask."""
    from tests.workflows.test_hostile_uploads import png_header

    objects = {
        "items/0-top.png": png_bytes(),
        "items/0-top-mask.png": png_bytes(),
        "items/html.png": b"<html><script>alert(document.cookie)</script></html>",
        "items/jpeg.png": plain_jpeg(),
        "items/bomb.png": png_chunks(100_001),
        "items/huge.png": png_header(10_000, 10_000),
        "items/big.png": png_bytes() + bytes(16 * 1024 * 1024),
        "items/0.html": b"<script>alert(1)</script>",
    }
    for name, data in objects.items():
        default_storage.save(prefix + name, ContentFile(data))


@pytest.mark.parametrize("name, answer, message", ANSWERS, ids=[a[0] for a in ANSWERS])
def test_a_hostile_studio_answer_fails_the_job_cleanly_refunded_once(bearer, studio, name, answer, message):
    job_id, prefix = submitted(bearer, studio)
    write_outputs(prefix)
    body = answer(prefix)
    if isinstance(body, tuple):
        studio.jobs[f"st-{job_id}"].update(raw=body[0], raw_headers=body[1])
    elif isinstance(body, bytes):
        studio.jobs[f"st-{job_id}"]["raw"] = body
    else:
        studio.jobs[f"st-{job_id}"].update(body)
    make_due(job_id)
    started = time.process_time()
    assert tasks.poll_studio() == [job_id]
    assert time.process_time() - started < 5
    if message is None:  # an odd progress is dropped (or bounded); the job keeps waiting for Studio
        job = WorkflowJob.objects.get(pk=job_id)
        progress = 0.0 if name == "progress -5" else None
        assert (job.status, job.progress, job.poll_failures, refunds(job_id)) == ("IN_PROGRESS", progress, 0, 0)
        return
    job = assert_failed(
        bearer, job_id, "FAILED", "no_items_found" if name == "a FAILED error message of 500 KB" else "studio_error"
    )
    assert job.error["message"] == message.format(job_id=job_id)
    response = bearer.get(f"/v1/requests/{job_id}")
    assert response.status_code == 200
    assert response.json() | {"created_at": None, "started_at": None, "finished_at": None} == {
        "request_id": job_id,
        "workflow": "extract",
        "status": "FAILED",
        "credits_cost": 1,
        "credits_refunded": 1,
        "created_at": None,
        "started_at": None,
        "finished_at": None,
        "result": None,
        "error": job.error,
    }
    make_due(job_id)
    assert tasks.poll_studio() == []  # ended: never polled again


def test_on_s3_an_output_over_15_mb_is_refused_without_downloading_it(bearer, s3, studio, monkeypatch):
    """Reading an output back opened it with django-storages' S3File, whose first read downloads the whole object (to
    a temporary file past a few MB) before the 15 MB cut: a 100 MB — or 5 GB — object a remote Studio wrote cost the
    poller all of it, per key. It is read from one GET's stream, never more than 15 MB + 1 byte
    (`test_studio_races.py` counts the bytes)."""
    from storages.backends.s3 import S3File

    job_id, prefix = submitted(bearer, studio)
    s3.put_object(Bucket=BUCKET, Key=prefix + "items/0-top.png", Body=png_bytes())
    s3.put_object(Bucket=BUCKET, Key=prefix + "items/0-top-mask.png", Body=png_bytes() + bytes(40 * 1024 * 1024))
    downloaded = []
    file = S3File.file  # a property over S3File._get_file, which downloads the object on first access

    def recording(self):
        if self._file is None:
            downloaded.append((self.name, self.obj.content_length))
        return file.fget(self)

    monkeypatch.setattr(S3File, "file", property(recording, file.fset, file.fdel))
    studio.jobs[f"st-{job_id}"].update(completed(item(prefix)))
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    job = assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert (
        job.error["message"]
        == MALFORMED + "item 0: mask_key is not a PNG image we can serve: the object is larger than 15 MB."
    )
    assert [size for _name, size in downloaded if size > 15 * 1024 * 1024] == []


def flaky_storage(monkeypatch, keys: set[str]) -> None:
    """Storage refuses to open these keys for a moment (a network blip on S3): Django's own FileSystemStorage raises
    EIO until the set is emptied."""
    from django.core.files.storage import FileSystemStorage

    opened = FileSystemStorage._open

    def refusing(self, name, mode="rb"):
        if name in keys:
            raise OSError(5, "Input/output error")
        return opened(self, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", refusing)


def test_an_output_storage_cannot_read_for_a_moment_is_a_failed_poll_not_a_failed_job(bearer, studio, monkeypatch):
    """Any error reading an output back meant "names no stored object": a blip of storage failed a job Studio had
    finished (refunded, the tenant's result lost). Only an object storage says is missing is; else the poll is
    counted as failed and tried again."""
    job_id, prefix = submitted(bearer, studio)
    write_outputs(prefix)
    studio.jobs[f"st-{job_id}"].update(completed(item(prefix)))
    keys = {prefix + "items/0-top.png"}
    flaky_storage(monkeypatch, keys)
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.status, job.poll_failures, refunds(job_id)) == ("IN_PROGRESS", 1, 0)
    keys.clear()
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    assert bearer.get(f"/v1/requests/{job_id}").json()["status"] == "COMPLETED"


def test_an_output_storage_cannot_read_at_the_submit_is_a_retried_attempt(bearer, studio, monkeypatch):
    """Studio may finish at the submit: an output storage cannot read for a moment there raised out of the worker's
    task (the job waited for its lease to expire). The attempt is retried like a failed submit; the retry's submit
    (the same idempotency key) gets Studio's answer again."""
    job_id = dispatch(bearer)
    prefix = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/"
    write_outputs(prefix)
    studio.submit_raw = json.dumps({"job_id": "st-x", **completed(item(prefix))}).encode()
    keys = {prefix + "items/0-top.png"}
    flaky_storage(monkeypatch, keys)
    assert tasks.run_job(job_id) == "NOT_STARTED"
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.attempts, refunds(job_id)) == (1, 0)
    keys.clear()
    WorkflowJob.objects.filter(pk=job_id).update(available_at=job.created_at)
    assert tasks.run_job(job_id) == "COMPLETED"


def test_a_photo_storage_cannot_read_for_a_moment_is_retried_not_invalid_input(bearer, studio, monkeypatch):
    """Any error in the worker's read of the photo for a remote Studio failed the job `invalid_input` ("no object
    exists at this key", refunded) though the object was there. It is now retried."""
    key = default_storage.save(f"tenants/{bearer.tenant.pk}/uploads/p.jpg", ContentFile(plain_jpeg()))
    job_id = dispatch(bearer, key)
    keys = {key}
    flaky_storage(monkeypatch, keys)
    assert tasks.run_job(job_id) == "NOT_STARTED"
    assert refunds(job_id) == 0 and studio.calls == []
    keys.clear()
    WorkflowJob.objects.filter(pk=job_id).update(available_at=WorkflowJob.objects.get(pk=job_id).created_at)
    assert tasks.run_job(job_id) == "IN_PROGRESS"


def test_a_hostile_answer_to_the_submit_fails_the_job_refunded_once(bearer, studio):
    """A submit answered with a job id the column cannot hold (or with NUL, or no id at all) made the worker's write
    raise: the task crashed and the job waited for its lease to expire, again at every attempt, until dead."""
    for answer in (
        {"job_id": "j" * 129, "status": "NOT_STARTED"},
        {"job_id": "a\nb", "status": "NOT_STARTED"},
        {"job_id": ["st-1"], "status": "NOT_STARTED"},
        {"job_id": "st-1", "status": "NOT_STARTED", "progress": 1e308},
    ):
        studio.submit_raw = json.dumps(answer).encode()
        job_id = dispatch(bearer)
        status = tasks.run_job(job_id)
        if answer.get("progress"):
            job = WorkflowJob.objects.get(pk=job_id)
            assert (status, job.studio_job_id, job.progress) == ("IN_PROGRESS", "st-1", 1.0)
            services.job_cancel(job_id=job_id)
            continue
        assert status == "FAILED", answer
        job = assert_failed(bearer, job_id, "FAILED", "studio_error")
        assert job.error["message"] == "Studio refused the job: Studio answered a submit without a usable job_id"


def test_a_terminal_hostile_answer_to_the_submit_fails_the_job_refunded_once(bearer, studio):
    """Studio may finish at the submit; a result that names a non-PNG object ends the job there, under its lease."""
    job_id = dispatch(bearer)
    prefix = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/"
    write_outputs(prefix)
    studio.submit_raw = json.dumps(
        {"job_id": "st-x", **completed(item(prefix, image_key=prefix + "items/html.png"))}
    ).encode()
    assert tasks.run_job(job_id) == "FAILED"
    job = assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert job.error["message"] == MALFORMED + "item 0: image_key is not a PNG image."


def test_an_ordinary_result_still_completes(bearer, studio):
    """Within the contract: an empty label, an integer score, float and missing bbox values, a key with a space, a
    percent sign and a non-ASCII letter (served at its `image_url`), fields of Studio's own (dropped)."""
    job_id, prefix = submitted(bearer, studio)
    write_outputs(prefix)
    odd_key = default_storage.save(prefix + "items/a b%2e\u00e9.png", ContentFile(png_bytes()))
    studio.jobs[f"st-{job_id}"].update(
        completed(
            item(prefix, image_url="javascript:alert(1)", extra={"a": [1] * 1000}),
            item(prefix, label="", score=1, bbox={"x": 0.0, "y": 3.7}, image_key=odd_key),
        )
    )
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    body = bearer.get(f"/v1/requests/{job_id}").json()
    assert body["status"] == "COMPLETED" and body["credits_refunded"] == 0
    assert [(i["label"], i["score"], i["bbox"]) for i in body["result"]["items"]] == [
        ("top", 0.9, {"x": 1, "y": 2, "width": 20, "height": 30}),
        ("", 1.0, {"x": 0, "y": 3, "width": 0, "height": 0}),
    ]
    assert [sorted(i) for i in body["result"]["items"]] == [
        ["bbox", "image_key", "image_url", "label", "mask_key", "score"]
    ] * 2  # Studio's other fields (its own `image_url`) are dropped
    assert body["result"]["items"][0]["image_url"] == f"http://testserver/v1/files/{prefix}items/0-top.png"
    served = bearer.get(body["result"]["items"][1]["image_url"])
    assert (served.status_code, served["Content-Type"], b"".join(served.streaming_content)) == (
        200,
        "image/png",
        png_bytes(),
    )
    assert refunds(job_id) == 0


def test_a_crash_while_recording_an_answer_is_a_poll_failure_then_a_refunded_failure(bearer, studio, monkeypatch):
    """Anything unforeseen that raises while an answer is recorded stopped the poller's run (the other due jobs
    waited) and left the job polled again every minute, for ever (never reaching its deadline check). It now counts
    as a failed poll: backed off, and FAILED (refunded once) after STUDIO_MAX_POLL_FAILURES."""
    job_id, _prefix = submitted(bearer, studio)
    other, _ = submitted(bearer, studio)
    studio.complete(f"st-{job_id}")

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "_record_terminal", crash)
    for failures in (1, 2):
        make_due(job_id)
        make_due(other)
        assert sorted(tasks.poll_studio()) == sorted([job_id, other])
        job = WorkflowJob.objects.get(pk=job_id)
        assert (job.status, job.poll_failures, refunds(job_id)) == ("IN_PROGRESS", failures, 0)
    make_due(job_id)
    tasks.poll_studio()
    services.job_cancel(job_id=other)  # refunded: the tenant's balance is whole again
    job = assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert job.error["message"] == "Studio status failed: recording Studio's answer failed (RuntimeError)"
    assert ("POST", f"/v1/jobs/st-{job_id}/cancel") in [c[:2] for c in studio.calls]


def test_a_crash_while_counting_a_crashed_poll_does_not_stop_the_run(bearer, studio, monkeypatch):
    """Counting the crash as a failed poll can raise too (the same fault in the refund or callback of the job's end):
    that escaped the poller's loop, and the jobs due after it were not polled in that run. The run goes on."""
    first, _ = submitted(bearer, studio)
    second, _ = submitted(bearer, studio)
    studio.complete(f"st-{first}")
    studio.complete(f"st-{second}")
    recorded = services._record_terminal

    def crash(job, *args, **kwargs):
        if job.pk == first:
            raise RuntimeError("boom")
        return recorded(job, *args, **kwargs)

    def crash_again(*args, **kwargs):
        raise RuntimeError("boom again")

    monkeypatch.setattr(services, "_record_terminal", crash)
    monkeypatch.setattr(services, "_poll_failed", crash_again)
    make_due(second)
    WorkflowJob.objects.filter(pk=first).update(next_poll_at=timezone.now() - timedelta(minutes=5))  # polled first
    assert tasks.poll_studio() == [first, second]
    assert WorkflowJob.objects.get(pk=second).status == "COMPLETED"
    assert WorkflowJob.objects.get(pk=first).status == "IN_PROGRESS"


# --- served files and the admin ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_files_a_remote_studio_wrote_are_served_as_images_or_downloads_and_the_admin_decodes_nothing(
    make_tenant, live_server, media, settings, monkeypatch
):
    """Through real HTTP (a live server): the tenant's `/v1/files/` and the staff console's file view served any key
    under the job's prefix with the type its name suggests, so an `.html` a remote Studio wrote there was a page of
    our own origin (the admin's too). Both now serve JPEG / PNG / WebP by name and anything else as an attachment,
    `nosniff`, in a sandbox. The admin's job page and its file view never decode a stored photo (a scan bomb written
    around the upload is served as it is, at once)."""
    fake = FakeStudio().start()
    try:
        use_http_studio(settings, fake)
        created = make_tenant("Remote")
        tenant_id = created.tenant.pk
        auth = {"Authorization": f"Bearer {created.issued.raw}"}
        key = default_storage.save(f"tenants/{tenant_id}/uploads/p.jpg", ContentFile(plain_jpeg()))
        response = requests.post(f"{live_server.url}/v1/extract", json={"trial_image": key}, headers=auth, timeout=10)
        assert response.status_code == 202, response.text
        job_id = response.json()["request_id"]
        assert tasks.run_job(job_id) == "IN_PROGRESS"
        prefix = f"tenants/{tenant_id}/jobs/{job_id}/"
        write_outputs(prefix)
        fake.jobs[f"st-{job_id}"].update(completed(item(prefix)))
        make_due(job_id)
        assert tasks.poll_studio() == [job_id]
        body = requests.get(f"{live_server.url}/v1/requests/{job_id}", headers=auth, timeout=10).json()
        assert body["status"] == "COMPLETED"
        # The photo is replaced by a scan bomb written around the upload (as a presigned POST would).
        default_storage.delete(key)
        default_storage.save(key, ContentFile(scan_bomb(4000, 3000)))

        import PIL.Image

        def no_decode(*args, **kwargs):
            raise AssertionError("a page decoded a stored image")

        monkeypatch.setattr(PIL.Image, "open", no_decode)
        served = requests.get(body["result"]["items"][0]["image_url"], headers=auth, timeout=10)
        assert (served.status_code, served.headers["Content-Type"]) == (200, "image/png")
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        page = requests.get(f"{live_server.url}/v1/files/{prefix}items/0.html", headers=auth, timeout=10)
        assert page.status_code == 200 and page.content == b"<script>alert(1)</script>"
        assert page.headers["Content-Type"] == "application/octet-stream"
        assert page.headers["Content-Disposition"] == 'attachment; filename="0.html"'
        assert page.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"

        staff = get_user_model().objects.create_superuser("ops", "ops@example.com", "a-long-staff-password")
        client = Client()
        client.force_login(staff)
        session = requests.Session()
        session.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
        change = session.get(f"{live_server.url}/admin/workflows/workflowjob/{job_id}/change/", timeout=10)
        assert change.status_code == 200
        # The page shows the checked copy Studio was handed, never the upload's key (a scan bomb by now).
        copy = f"{prefix}input/trial.jpg"
        assert f"/admin/workflows/workflowjob/{job_id}/file/{copy}" in change.text
        assert f"/admin/workflows/workflowjob/{job_id}/file/{key}" not in change.text
        photo = session.get(f"{live_server.url}/admin/workflows/workflowjob/{job_id}/file/{copy}", timeout=10)
        assert (photo.status_code, photo.headers["Content-Type"]) == (200, "image/jpeg")
        assert photo.content == plain_jpeg()
        upload = session.get(f"{live_server.url}/admin/workflows/workflowjob/{job_id}/file/{key}", timeout=10)
        assert upload.status_code == 404
        html = session.get(
            f"{live_server.url}/admin/workflows/workflowjob/{job_id}/file/{prefix}items/0.html", timeout=10
        )
        assert html.status_code == 200 and html.headers["Content-Type"] == "application/octet-stream"
        assert html.headers["Content-Disposition"] == 'attachment; filename="0.html"'
        assert html.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert html.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        fake.close()


def test_on_s3_the_bucket_is_told_which_type_to_answer_with(bearer, s3):
    """On S3 the file views redirect to a presigned URL, and the bucket answered with the `Content-Type` its writer
    gave the object: a remote Studio's `items/0.html` typed `text/html`, or a `.png` typed so, was a page of the
    bucket's origin. The URL now names the type we serve the name as (and an attachment for any other name)."""
    prefix = f"tenants/{bearer.tenant.pk}/jobs/01J0000000000000000000000A/items/"
    s3.put_object(Bucket=BUCKET, Key=prefix + "0.html", Body=b"<script>alert(1)</script>", ContentType="text/html")
    s3.put_object(Bucket=BUCKET, Key=prefix + "0.png", Body=png_bytes(), ContentType="text/html")
    for name, content_type, disposition in (
        ("0.html", "application/octet-stream", "attachment"),
        ("0.png", "image/png", None),
    ):
        redirect = bearer.get(f"/v1/files/{prefix}{name}")
        assert redirect.status_code == 302, redirect.content
        served = requests.get(redirect["Location"], timeout=5)
        assert served.status_code == 200 and served.headers["Content-Type"] == content_type, name
        assert served.headers.get("Content-Disposition") == disposition
