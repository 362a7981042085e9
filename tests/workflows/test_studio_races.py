"""Three small races of the remote (`http`) Studio, through the API, the real database, a fake Studio served by a real
local HTTP server and moto's S3 server: a submit whose outcome we do not know followed by a refused retry (the run it
started is adopted, never left going on a failed and refunded job), a stored object swapped between a size check and
its read (one bounded read), and the photo read once per attempt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from billing.models import CreditEntry
from tests.helpers import dispatch, upload
from tests.servers import FakeStudio
from tests.workflows.conftest import BUCKET
from tests.workflows.test_hostile_studio import MALFORMED, completed, item, png_bytes, use_http_studio
from tests.workflows.test_hostile_uploads import plain_jpeg
from tests.workflows.test_studio_http import assert_consistent, assert_failed, make_due, refunds
from workflows import tasks
from workflows.models import RemoteCancel, WorkflowJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio(settings, media):
    fake = FakeStudio().start()
    use_http_studio(settings, fake)
    settings.STUDIO_READ_TIMEOUT = 0.5
    yield fake
    fake.close()


def submits(studio) -> list:
    return [c for c in studio.calls if c[:2] == ("POST", "/v1/jobs")]


def lookups(studio) -> list[str]:
    return [c[1] for c in studio.calls if c[0] == "GET" and c[1].startswith("/v1/jobs?")]


def again(job_id: str) -> None:
    """The job's retry is due now (instead of after the engine's backoff)."""
    WorkflowJob.objects.filter(pk=job_id).update(available_at=WorkflowJob.objects.get(pk=job_id).created_at)


def assert_adopted_and_completed(bearer, studio, job_id: str) -> None:
    """The job waits for the run its unknown submit started, and completes with it: charged once, never refunded."""
    run = f"st-{job_id}"
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.status, job.studio_job_id, refunds(job_id)) == ("IN_PROGRESS", run, 0)
    assert bearer.get(f"/v1/requests/{job_id}").json()["status"] == "IN_PROGRESS"
    assert lookups(studio) == [f"/v1/jobs?idempotency_key={job_id}"]
    studio.complete(run)
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    body = bearer.get(f"/v1/requests/{job_id}").json()
    assert (body["status"], len(body["result"]["items"])) == ("COMPLETED", 1)
    assert list(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True)) == ["charge"]
    bearer.tenant.refresh_from_db()
    assert bearer.tenant.credit_balance == 9
    assert_consistent()


# --- 1. a submit that reached Studio but timed out, then a refused retry --------------------------------------------


def test_a_refused_retry_of_a_submit_that_timed_out_adopts_the_run_it_started(bearer, studio, settings):
    """The submit reached Studio (which started the run) and timed out; the client's retry (same Idempotency-Key) was
    refused with a 409: the job was FAILED and refunded while Studio's run went on, its id never learnt (the tenant's
    work for free, Studio's GPU leaked). The run is now looked up by its key and adopted."""
    settings.STUDIO_RETRIES = 1
    studio.submit_script = [("late", 2.0), (409,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert len(submits(studio)) == 2
    assert_adopted_and_completed(bearer, studio, job_id)


def test_a_refused_submit_of_an_attempt_after_one_that_timed_out_adopts_the_run(bearer, studio):
    """The same across attempts: the first attempt's submit timed out (the job went back to the queue), the next
    attempt's submit was refused (400): FAILED and refunded, the run going on. It is adopted."""
    studio.submit_script = [("late", 2.0), (400,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "NOT_STARTED" and refunds(job_id) == 0
    again(job_id)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert_adopted_and_completed(bearer, studio, job_id)


def test_a_refused_retry_after_an_unknown_submit_that_started_nothing_fails_refunded_once(bearer, studio, settings):
    """A 503 started nothing: the lookup finds no run, and the refusal stands (FAILED, refunded once)."""
    settings.STUDIO_RETRIES = 1
    studio.submit_script = [(503,), (400,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "FAILED"
    job = assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert job.error["message"] == "Studio refused the job: Studio answered 400 on POST /v1/jobs"
    assert lookups(studio) == [f"/v1/jobs?idempotency_key={job_id}"] and studio.jobs == {}


def test_a_refusal_after_an_unknown_submit_owes_the_run_that_submit_may_still_start_a_cancel(bearer, studio, settings):
    """The refused attempt's lookup found no run, but the first attempt's submit (its worker lost, still sending) may
    reach Studio after it: the failed job owes the run of its key a cancel, which the sweeper looks up once a lease
    would have expired, and cancels once that submit has landed. The job stays FAILED, refunded once."""
    import requests

    settings.STUDIO_RETRIES = 1
    studio.submit_script = [(503,), (400,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "FAILED"
    owed = RemoteCancel.objects.get(job_id=job_id)
    assert (owed.studio_job_id, owed.idempotency_key, owed.attempts) == ("", job_id, 0)
    assert tasks.cancel_remote_runs() == [job_id]  # due now: nothing there yet, looked up again after a lease
    owed.refresh_from_db()
    assert owed.outcome == "no run" and owed.next_try_at >= owed.created_at + timedelta(seconds=400)
    studio.submit_script = [("ok",)]
    requests.post(f"{studio.url}/v1/jobs", json={"client_ref": job_id}, headers={"Idempotency-Key": job_id}, timeout=5)
    RemoteCancel.objects.filter(pk=owed.pk).update(next_try_at=timezone.now())
    assert tasks.cancel_remote_runs() == [job_id]
    owed.refresh_from_db()
    assert (owed.outcome, owed.next_try_at, studio.jobs[f"st-{job_id}"]["status"]) == ("cancelled", None, "CANCELLED")
    assert_failed(bearer, job_id, "FAILED", "studio_error")


def test_a_lookup_that_fails_keeps_the_job_retrying_never_refunded_while_a_run_may_go_on(bearer, studio, settings):
    """Studio cannot answer the lookup for now (500): whether a run exists is still unknown, so the attempt is retried
    (not failed and refunded); the next attempt's lookup adopts the run."""
    settings.STUDIO_RETRIES = 1
    studio.submit_script = [("late", 2.0), (409,)]
    studio.lookup_script = [(500,), (500,), ("ok",)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "NOT_STARTED"
    job = WorkflowJob.objects.get(pk=job_id)
    assert (job.error["type"], refunds(job_id)) == ("studio_error", 0)
    assert job.error["message"] == (
        "Studio submit failed: Studio answered 409 on POST /v1/jobs, after a submit whose outcome is unknown; "
        "looking its run up failed: Studio answered 500 on GET /v1/jobs?idempotency_key=" + job_id
    )
    again(job_id)
    studio.calls.clear()
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert_adopted_and_completed(bearer, studio, job_id)


def test_a_first_refusal_with_no_unknown_submit_before_it_looks_nothing_up(bearer, studio):
    """A plain 400 at the first try of the first attempt: no submit can have started a run; FAILED, refunded once."""
    studio.submit_script = [(400,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "FAILED"
    assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert lookups(studio) == [] and not RemoteCancel.objects.filter(job_id=job_id).exists()  # nothing can be going


# --- 2 and 3. one bounded read of a stored object; the photo read once per attempt --------------------------------

MB = 1024 * 1024


class S3Log:
    """Every S3 request this process's storage makes (operation, key), the bytes read from response bodies, and a
    hook called with the key after each request."""

    def __init__(self):
        self.ops: list[tuple[str, str]] = []
        self.bytes = 0
        self.after = None

    def on(self, key: str) -> list[str]:
        return [op for op, named in self.ops if named == key]


@pytest.fixture
def s3_log(s3, monkeypatch):
    from botocore.response import StreamingBody

    log = S3Log()
    read = StreamingBody.read

    def counting(self, amt=None):
        data = read(self, amt)
        log.bytes += len(data)
        return data

    def before(params, model, **kwargs):
        log.ops.append((model.name, params.get("Key", "")))

    def after(model, **kwargs):
        if log.after is not None and log.ops:
            log.after(log.ops[-1][1])

    monkeypatch.setattr(StreamingBody, "read", counting)
    events = default_storage.connection.meta.client.meta.events
    events.register("before-parameter-build.s3", before)
    events.register("after-call.s3", after)
    yield log
    events.unregister("before-parameter-build.s3", before)
    events.unregister("after-call.s3", after)


def test_on_s3_an_output_swapped_after_its_first_request_is_read_once_and_bounded(bearer, s3, studio, s3_log):
    """Reading an output back was a HEAD (its size checked) then a GET of whatever the key held by then: a 40 MB object
    put in its place between the two was downloaded whole (then refused). It is now one GET, of which at most
    15 MB + 1 byte is read, whatever the object is."""
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    prefix = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/"
    mask = prefix + "items/0-top-mask.png"
    s3.put_object(Bucket=BUCKET, Key=prefix + "items/0-top.png", Body=png_bytes())
    s3.put_object(Bucket=BUCKET, Key=mask, Body=png_bytes())

    def swap(key):
        if key == mask and len(s3_log.on(mask)) == 1:
            s3.put_object(Bucket=BUCKET, Key=mask, Body=png_bytes() + bytes(40 * MB))

    studio.jobs[f"st-{job_id}"].update(completed(item(prefix)))
    make_due(job_id)
    s3_log.ops.clear()
    s3_log.bytes, s3_log.after = 0, swap
    assert tasks.poll_studio() == [job_id]
    assert s3_log.on(mask) == ["GetObject"] and s3_log.bytes <= 15 * MB + 1 + 2 * len(png_bytes())
    assert bearer.get(f"/v1/requests/{job_id}").json()["status"] == "COMPLETED"  # the object its one read saw


def test_on_s3_an_output_over_15_mb_is_one_get_of_at_most_15_mb(bearer, s3, studio, s3_log):
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    prefix = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/"
    mask = prefix + "items/0-top-mask.png"
    s3.put_object(Bucket=BUCKET, Key=prefix + "items/0-top.png", Body=png_bytes())
    s3.put_object(Bucket=BUCKET, Key=mask, Body=png_bytes() + bytes(40 * MB))
    studio.jobs[f"st-{job_id}"].update(completed(item(prefix)))
    make_due(job_id)
    s3_log.ops.clear()
    s3_log.bytes = 0
    assert tasks.poll_studio() == [job_id]
    job = assert_failed(bearer, job_id, "FAILED", "studio_error")
    assert job.error["message"] == (
        MALFORMED + "item 0: mask_key is not a PNG image we can serve: the object is larger than 15 MB."
    )
    assert s3_log.on(mask) == ["GetObject"] and s3_log.bytes <= 15 * MB + 1 + len(png_bytes())


def test_on_s3_the_photo_is_one_get_at_dispatch_and_one_get_per_attempt(bearer, s3, studio, s3_log):
    """The dispatch's check was a HEAD (exists?), a HEAD (size) and a GET; the worker's attempt did it again, then a
    HEAD and a GET to copy the photo for Studio: two reads of an object a presigned form may replace in between. The
    dispatch now makes one GET; the attempt one GET, whose bytes are both checked and copied."""
    key = upload(bearer.tenant.pk, plain_jpeg())
    s3_log.ops.clear()
    job_id = dispatch(bearer, key)
    assert s3_log.on(key) == ["GetObject"]
    s3_log.ops.clear()
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert s3_log.on(key) == ["GetObject"]
    pinned = f"tenants/{bearer.tenant.pk}/jobs/{job_id}/input/trial.jpg"
    assert s3.get_object(Bucket=BUCKET, Key=pinned)["Body"].read() == plain_jpeg()
    (submit,) = submits(studio)
    assert submit[3]["input"]["trial_image"] == pinned


def test_the_photo_is_opened_once_per_attempt_on_the_filesystem_too(bearer, studio, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    key = upload(bearer.tenant.pk, plain_jpeg())
    job_id = dispatch(bearer, key)
    opened, open_ = [], FileSystemStorage._open

    def recording(self, name, mode="rb"):
        opened.append(name)
        return open_(self, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", recording)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert opened.count(key) == 1
    assert list(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True)) == ["charge"]


def test_the_local_runner_reads_the_photo_in_one_bounded_get(bearer, s3, s3_log):
    """The `local` backend's runner read the photo with S3's file object (the whole object downloaded at its first
    read): one replaced by 40 MB after the worker's check cost all of it. One GET, at most 15 MB + 1 byte of it."""
    from workflows.definitions.extract import EXTRACT
    from workflows.studio.base import StudioJobFailed

    key = upload(bearer.tenant.pk, plain_jpeg() + bytes(40 * MB))
    s3_log.ops.clear()
    with pytest.raises(StudioJobFailed) as failed:
        EXTRACT.run_local({"trial_image": key}, f"tenants/{bearer.tenant.pk}/jobs/x/")
    assert (failed.value.error_type, failed.value.message) == (
        "image_unreadable",
        "The trial image could not be decoded: the object is larger than 15 MB.",
    )
    assert s3_log.on(key) == ["GetObject"] and s3_log.bytes <= 15 * MB + 1


def test_a_job_dead_after_submits_that_timed_out_cancels_the_run_they_started(
    bearer, studio, django_capture_on_commit_callbacks
):
    """Every attempt's submit timed out (each reached Studio): the job ended `DEAD_LETTER`, refunded, while the run
    went on. The run is looked up by its key and cancelled once the job's end is committed."""
    studio.submit_script = [("late", 2.0)]
    job_id = dispatch(bearer)
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_job(job_id) == "DEAD_LETTER"
    assert_failed(bearer, job_id, "DEAD_LETTER", "retries_exhausted")
    assert lookups(studio) == [f"/v1/jobs?idempotency_key={job_id}"]
    assert studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"


def test_a_job_whose_worker_was_lost_after_its_submit_cancels_the_run_when_it_dies(
    bearer, studio, django_capture_on_commit_callbacks
):
    """The worker submitted (Studio started the run) and was lost before it stored the run's id; its lease expired on
    its last attempt: the reaper ends the job `DEAD_LETTER` (`worker_lost`, refunded), and the run is cancelled."""
    import requests

    from workflows import services

    job_id = dispatch(bearer)
    requests.post(f"{studio.url}/v1/jobs", json={"client_ref": job_id}, headers={"Idempotency-Key": job_id}, timeout=5)
    past = timezone.now() - timedelta(seconds=1)
    WorkflowJob.objects.filter(pk=job_id).update(
        status="IN_PROGRESS", attempts=1, max_attempts=1, lease_token="t", lease_expires_at=past
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reap()["dead"] == [job_id]
    assert_failed(bearer, job_id, "DEAD_LETTER", "worker_lost")
    assert studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"
