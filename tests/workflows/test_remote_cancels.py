"""A remote Studio run of a job that ended is never left going: the cancel it is owed is recorded with the job's end
(`RemoteCancel`) and tried again by the beat sweeper (`workflows.cancel_remote_runs`) until Studio confirms it (or
says the run is unknown or over), a bounded number of times. Through the API, the real database and the fake Studio
served by a real local HTTP server; the sweeper is called the way beat calls it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from billing.models import CreditEntry
from tests.helpers import dispatch
from tests.servers import FakeStudio
from tests.workflows.test_api_admin import LIST, staff  # noqa: F401 - fixture
from tests.workflows.test_hostile_studio import use_http_studio
from tests.workflows.test_studio_http import assert_consistent, make_due
from workflows import tasks
from workflows.models import RemoteCancel, WorkflowJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio(settings, media):
    fake = FakeStudio().start()
    use_http_studio(settings, fake)
    settings.STUDIO_READ_TIMEOUT = 0.5
    settings.STUDIO_RETRIES = 0  # one request per call: the sweeper's retries are what is tested
    yield fake
    fake.close()


def cancels(studio, run: str) -> int:
    return sum(1 for c in studio.calls if c[:2] == ("POST", f"/v1/jobs/{run}/cancel"))


def sweep_when_due() -> list:
    """The owed cancels' next try is due now (instead of after the sweeper's backoff); beat's tick."""
    RemoteCancel.objects.exclude(next_try_at=None).update(next_try_at=timezone.now() - timedelta(seconds=1))
    return tasks.cancel_remote_runs()


def assert_charged_and_refunded_once(bearer, job_id: str, status: str) -> None:
    kinds = sorted(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True))
    assert kinds == ["charge", "refund"]
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.status == status
    bearer.tenant.refresh_from_db()
    assert bearer.tenant.credit_balance == 10
    assert_consistent()


def test_a_tenant_cancel_answers_without_studio_and_the_sweeper_retries_a_failed_cancel(bearer, studio):
    """The cancel request no longer waits for Studio; a cancel Studio fails (503) is tried again until it is
    confirmed. The job's state and refund do not change on the way."""
    studio.cancel_script = [(503,), ("ok",)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    run = f"st-{job_id}"
    response = bearer.post(f"/v1/requests/{job_id}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "CANCELLED"
    assert cancels(studio, run) == 0  # nothing asked of Studio in the request
    assert tasks.cancel_remote_runs() == [job_id]
    assert (cancels(studio, run), studio.jobs[run]["status"]) == (1, "NOT_STARTED")  # failed: still going
    owed = RemoteCancel.objects.get(job_id=job_id)
    assert owed.attempts == 1 and owed.next_try_at > timezone.now() and "503" in owed.outcome
    assert tasks.cancel_remote_runs() == []  # not due yet: backoff
    assert sweep_when_due() == [job_id]
    assert studio.jobs[run]["status"] == "CANCELLED"
    owed.refresh_from_db()
    assert (owed.next_try_at, owed.outcome) == (None, "cancelled")
    assert sweep_when_due() == [] and cancels(studio, run) == 2
    assert_charged_and_refunded_once(bearer, job_id, "CANCELLED")
    assert bearer.get(f"/v1/requests/{job_id}").json()["error"]["type"] == "cancelled"


def test_a_cancel_of_a_job_queued_again_after_a_timed_out_submit_cancels_the_run_it_started(bearer, studio):
    """The first attempt's submit reached Studio and timed out: the job went back to the queue, Studio's run went on.
    The tenant cancels (refunded at once); the sweeper looks the run up by its key (the lookup fails once) and
    cancels it."""
    studio.submit_script = [("late", 2.0)]
    studio.lookup_script = [(500,), ("ok",)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "NOT_STARTED"
    run = f"st-{job_id}"
    assert studio.jobs[run]["status"] == "NOT_STARTED"
    response = bearer.post(f"/v1/requests/{job_id}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "CANCELLED"
    assert tasks.cancel_remote_runs() == [job_id]
    assert studio.jobs[run]["status"] == "NOT_STARTED"  # the lookup failed: tried again later
    assert sweep_when_due() == [job_id]
    assert studio.jobs[run]["status"] == "CANCELLED"
    assert RemoteCancel.objects.get(job_id=job_id).outcome == "cancelled"
    assert_charged_and_refunded_once(bearer, job_id, "CANCELLED")


def test_a_staff_cancel_from_the_admin_owes_the_remote_cancel_too(bearer, studio, staff):  # noqa: F811
    studio.cancel_script = [(502,), ("ok",)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    response = staff.post(
        "/admin/workflows/workflowjob/", {"action": "cancel_jobs", "_selected_action": [job_id]}, follow=True
    )
    assert "Cancelled and refunded 1 job(s)." in response.content.decode()
    assert tasks.cancel_remote_runs() == [job_id] and studio.jobs[f"st-{job_id}"]["status"] == "NOT_STARTED"
    page = staff.get(f"/admin/workflows/workflowjob/{job_id}/change/").content.decode()
    assert "Studio answered 502" in page  # the owed cancel is on the job's page
    assert sweep_when_due() == [job_id] and studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"
    assert_charged_and_refunded_once(bearer, job_id, "CANCELLED")


def test_a_job_timed_out_by_the_poller_whose_cancel_fails_is_cancelled_by_the_sweeper(bearer, studio):
    """The poller fails a job past its deadline and asks Studio to cancel it; that cancel failed and was never tried
    again. It is now owed and retried."""
    studio.cancel_script = [(503,), ("ok",)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    WorkflowJob.objects.filter(pk=job_id).update(deadline_at=timezone.now() - timedelta(seconds=1))
    make_due(job_id)
    assert tasks.poll_studio() == [job_id]
    run = f"st-{job_id}"
    assert (cancels(studio, run), studio.jobs[run]["status"]) == (1, "NOT_STARTED")
    assert sweep_when_due() == [job_id] and studio.jobs[run]["status"] == "CANCELLED"
    assert_charged_and_refunded_once(bearer, job_id, "FAILED")


def test_a_dead_job_whose_run_lookup_fails_is_cancelled_by_the_sweeper(
    bearer, studio, django_capture_on_commit_callbacks
):
    """Every submit timed out, the job ended DEAD_LETTER; the cancel of the run its key started failed (Studio down at
    that moment). The sweeper tries again."""
    studio.submit_script = [("late", 2.0)]
    studio.lookup_script = [(503,), ("ok",)]
    job_id = dispatch(bearer)
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_job(job_id) == "DEAD_LETTER"
    assert studio.jobs[f"st-{job_id}"]["status"] == "NOT_STARTED"
    assert sweep_when_due() == [job_id] and studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"
    assert_charged_and_refunded_once(bearer, job_id, "DEAD_LETTER")


def test_the_sweeper_gives_up_after_its_attempts_and_a_run_unknown_to_studio_is_settled(bearer, studio, settings):
    settings.STUDIO_CANCEL_MAX_ATTEMPTS = 3
    studio.cancel_script = [(503,)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert bearer.post(f"/v1/requests/{job_id}/cancel").status_code == 200
    for _ in range(5):
        sweep_when_due()
    owed = RemoteCancel.objects.get(job_id=job_id)
    assert owed.attempts == 3 and owed.next_try_at is None and owed.outcome.startswith("gave up")
    assert cancels(studio, f"st-{job_id}") == 3
    other = dispatch(bearer)
    assert tasks.run_job(other) == "IN_PROGRESS"
    studio.cancel_script = [(404,)]  # Studio does not know the run (any more): nothing to cancel
    assert bearer.post(f"/v1/requests/{other}/cancel").status_code == 200
    assert sweep_when_due() == [other]
    assert RemoteCancel.objects.get(job_id=other).outcome == "unknown to Studio"
    assert_charged_and_refunded_once(bearer, job_id, "CANCELLED")


def test_a_job_failed_before_its_next_submit_cancels_the_run_an_earlier_submit_started(
    bearer, studio, django_capture_on_commit_callbacks
):
    """The first attempt's submit timed out (the run started); before the next attempt's submit the photo is gone, so
    the job fails (`invalid_input`, refunded) without any lookup: the run went on. It is now owed a cancel."""
    from django.core.files.storage import default_storage

    studio.submit_script = [("late", 2.0)]
    job_id = dispatch(bearer)
    assert tasks.run_job(job_id) == "NOT_STARTED"
    default_storage.delete(WorkflowJob.objects.get(pk=job_id).input["trial_image"])
    WorkflowJob.objects.filter(pk=job_id).update(available_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_job(job_id) == "FAILED"
    assert WorkflowJob.objects.get(pk=job_id).error["type"] == "invalid_input"
    assert studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"
    assert_charged_and_refunded_once(bearer, job_id, "FAILED")


def test_a_lookup_that_finds_no_run_while_a_worker_may_still_submit_is_made_again_after_its_lease(bearer, studio):
    """The tenant cancels while a worker holds the job, its submit not yet at Studio: the sweeper's lookup finds no
    run, which is not final until the worker's lease would have expired; the submit arrives, the next lookup cancels
    the run it started."""
    import requests

    import jobs
    from workflows import services

    job_id = dispatch(bearer)
    assert jobs.claim(services.KIND, job_id) is not None  # a worker is submitting
    assert bearer.post(f"/v1/requests/{job_id}/cancel").status_code == 200
    assert tasks.cancel_remote_runs() == [job_id]
    owed = RemoteCancel.objects.get(job_id=job_id)
    assert owed.outcome == "no run" and owed.next_try_at >= owed.created_at + timedelta(seconds=400)
    requests.post(f"{studio.url}/v1/jobs", json={"client_ref": job_id}, headers={"Idempotency-Key": job_id}, timeout=5)
    assert sweep_when_due() == [job_id] and studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"
    owed.refresh_from_db()
    assert (owed.outcome, owed.next_try_at) == ("cancelled", None)
    assert_charged_and_refunded_once(bearer, job_id, "CANCELLED")


def test_staff_find_a_given_up_cancel_and_have_it_tried_again_once_studio_is_back(
    bearer,
    studio,
    settings,
    staff,  # noqa: F811
):
    """A cancel the sweeper gave up on (Studio down for hours) is a remote run that may still go on: `check_invariants`
    names it, the job list filters it, and staff make it due again with all its attempts; the sweeper then cancels
    the run. A job without a given-up cancel is refused by name; credits are never touched."""
    settings.STUDIO_CANCEL_MAX_ATTEMPTS = 2
    studio.cancel_script = [(503,), (503,), ("ok",)]
    job_id, other = dispatch(bearer), dispatch(bearer)
    assert tasks.run_job(job_id) == "IN_PROGRESS"
    assert bearer.post(f"/v1/requests/{job_id}/cancel").status_code == 200
    sweep_when_due(), sweep_when_due()
    with pytest.raises(CommandError, match="1 job/delivery problem"):
        call_command("check_invariants", stdout=io.StringIO(), stderr=(errors := io.StringIO()))
    assert f"workflow job {job_id}: its remote run's cancel was given up after 2 attempt(s)" in errors.getvalue()
    listed = staff.get(LIST, {"remote_cancel": "given_up"}).content.decode()
    assert job_id in listed and other not in listed
    action = {"action": "retry_given_up_cancels", "_selected_action": [job_id, other]}
    text = staff.post(LIST, action, follow=True).content.decode()
    assert "The given-up remote cancels of 1 job(s) are due again." in text
    assert f"{other}: This job has no remote cancel that was given up." in text
    owed = RemoteCancel.objects.get(job_id=job_id)
    assert owed.attempts == 0 and owed.next_try_at <= timezone.now()
    assert owed.outcome.startswith("tried again by admin after: gave up: ")
    assert staff.get(LIST, {"remote_cancel": "owed"}).content.decode().count(f"/{job_id}/change/") == 1
    assert tasks.cancel_remote_runs() == [job_id]
    assert studio.jobs[f"st-{job_id}"]["status"] == "CANCELLED"
    owed.refresh_from_db()
    assert (owed.next_try_at, owed.outcome) == (None, "cancelled")
    call_command("check_invariants", stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(CreditEntry.objects.filter(request_id=job_id).values_list("kind", flat=True)) == ["charge", "refund"]
    assert list(CreditEntry.objects.filter(request_id=other).values_list("kind", flat=True)) == ["charge"]
    assert WorkflowJob.objects.get(pk=other).status == "NOT_STARTED"
