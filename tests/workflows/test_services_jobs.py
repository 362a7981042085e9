"""Credits and job states on the real PostgreSQL: concurrent dispatches, every refund path exactly once,
cancel racing completion, the reaper / sweeper (each run twice), dead-letter retry and check_ledger."""

from __future__ import annotations

import io
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from PIL import Image

import jobs
from billing import services as billing
from billing.models import CreditEntry, LedgerKind, Tenant
from billing.selectors import ledger_mismatches
from config.errors import Conflict
from tests.helpers import client_for, dispatch, free_port
from workflows import services, tasks
from workflows.models import JobStatus, WorkflowJob
from workflows.selectors import job_ledger_problems
from workflows.storage import job_prefix

PEOPLE = Path(__file__).resolve().parent / "fixtures"  # tada3.jpg: CC0, see fixtures/LICENSE-fixtures.md


def put(tenant_id: int, data: bytes | None = None, name: str = "p.jpg") -> str:
    if data is None:
        buffer = io.BytesIO()
        Image.new("RGB", (300, 400), (120, 120, 120)).save(buffer, format="JPEG")
        data = buffer.getvalue()
    return default_storage.save(f"tenants/{tenant_id}/uploads/{name}", ContentFile(data))


def photo_key(tenant_id: int) -> str:
    return put(tenant_id, (PEOPLE / "tada3.jpg").read_bytes(), "person.jpg")


def assert_ledger_consistent():
    assert ledger_mismatches() == []
    assert job_ledger_problems() == []
    call_command("check_ledger")


def assert_refunded_once(job_id: str, tenant: Tenant, balance: int):
    refunds = CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND)
    assert refunds.count() == 1
    tenant.refresh_from_db()
    assert tenant.credit_balance == balance
    # A second refund: the service says no, and the database refuses a direct insert.
    assert services.job_refund(job_id=job_id, reason="again") is None
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.create(tenant=tenant, kind=LedgerKind.REFUND, amount=1, balance_after=0, request_id=job_id)
    assert_ledger_consistent()


# --- concurrency ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_20_concurrent_dispatches_against_7_credits(make_tenant):
    created = make_tenant("Rush", credits=7)
    key = put(created.tenant.pk)
    barrier = threading.Barrier(20)
    codes: list[int] = []
    lock = threading.Lock()

    def one():
        try:
            client = client_for(created)
            barrier.wait()
            response = client.post("/v1/extract", {"trial_image": key}, format="json")
            with lock:
                codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [202] * 7 + [402] * 13
    created.tenant.refresh_from_db()
    assert created.tenant.credit_balance == 0
    assert WorkflowJob.objects.count() == 7
    assert CreditEntry.objects.filter(kind=LedgerKind.CHARGE).count() == 7
    assert set(CreditEntry.objects.filter(kind=LedgerKind.CHARGE).values_list("request_id", flat=True)) == set(
        WorkflowJob.objects.values_list("pk", flat=True)
    )
    assert_ledger_consistent()


# --- every refund path ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_validation_after_charge_refunds(bearer):
    key = put(bearer.tenant.pk)
    job_id = dispatch(bearer, key)
    default_storage.delete(key)  # gone before the worker ran
    assert tasks.run_job(job_id) == "FAILED"
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.error == {"type": "invalid_input", "message": "trial_image: Value error, no object exists at this key"}
    assert_refunded_once(job_id, bearer.tenant, 10)


@pytest.mark.django_db
def test_no_items_found_refunds(bearer):
    job_id = dispatch(bearer, put(bearer.tenant.pk))  # a grey picture: nobody in it
    assert tasks.run_job(job_id) == "FAILED"
    assert WorkflowJob.objects.get(pk=job_id).error["type"] == "no_items_found"
    body = bearer.get(f"/v1/requests/{job_id}").json()
    assert body["status"] == "FAILED" and body["credits_refunded"] == 1 and body["result"] is None
    assert_refunded_once(job_id, bearer.tenant, 10)


@pytest.mark.django_db
def test_image_unreadable_refunds(bearer):
    truncated = (PEOPLE / "tada3.jpg").read_bytes()[:20000]  # the header reads fine, the pixels do not
    job_id = dispatch(bearer, put(bearer.tenant.pk, truncated))
    assert tasks.run_job(job_id) == "FAILED"
    assert WorkflowJob.objects.get(pk=job_id).error == {
        "type": "image_unreadable",
        "message": "The trial image could not be decoded.",
    }
    assert_refunded_once(job_id, bearer.tenant, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actor, message", [("tenant", "Cancelled by the client."), ("admin", "Cancelled by staff (admin).")]
)
def test_cancel_refunds(bearer, actor, message):
    job_id = dispatch(bearer, put(bearer.tenant.pk))
    job = services.job_cancel(job_id=job_id, tenant_id=bearer.tenant.pk if actor == "tenant" else None, actor=actor)
    assert job.status == "CANCELLED" and job.error == {"type": "cancelled", "message": message}
    assert_refunded_once(job_id, bearer.tenant, 10)
    with pytest.raises(Conflict):
        services.job_cancel(job_id=job_id, actor=actor)


@pytest.mark.django_db
def test_retries_exhausted_go_to_dead_letter_and_refund(bearer, settings):
    settings.STUDIO_BACKEND = "http"
    settings.STUDIO_URL = f"http://127.0.0.1:{free_port()}"  # nobody listens: a transient error every time
    settings.STUDIO_RETRIES = 0
    job_id = dispatch(bearer, put(bearer.tenant.pk))
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=2)
    assert tasks.run_job(job_id) == "NOT_STARTED"  # first failure: back to the queue with a backoff
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.error["type"] == "studio_error" and job.available_at > timezone.now() - timedelta(seconds=1)
    assert CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).count() == 0
    WorkflowJob.objects.filter(pk=job_id).update(available_at=timezone.now())
    assert tasks.run_job(job_id) == "DEAD_LETTER"
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.error["type"] == "retries_exhausted" and job.attempts == 2
    assert_refunded_once(job_id, bearer.tenant, 10)


@pytest.mark.django_db
def test_worker_lost_is_reaped_to_dead_letter_with_a_refund_and_reaping_twice_is_harmless(bearer):
    job_id = dispatch(bearer, put(bearer.tenant.pk))
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=1)
    lease = jobs.claim(services.KIND, job_id)  # a worker takes it ... and dies
    assert lease is not None
    WorkflowJob.objects.filter(pk=job_id).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    assert tasks.reap() == {"requeued": [], "dead": [job_id]}
    assert tasks.reap() == {"requeued": [], "dead": []}
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.status == "DEAD_LETTER" and job.error["type"] == "worker_lost" and job.finished_at is not None
    assert_refunded_once(job_id, bearer.tenant, 10)
    # The lost worker comes back: its lease is gone, it can write nothing.
    assert jobs.finish(services.KIND, lease, JobStatus.COMPLETED) is False


@pytest.mark.django_db
def test_worker_lost_with_attempts_left_is_requeued_without_refund(bearer):
    job_id = dispatch(bearer, put(bearer.tenant.pk))
    jobs.claim(services.KIND, job_id)
    WorkflowJob.objects.filter(pk=job_id).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    assert tasks.reap()["requeued"] == [job_id]
    assert WorkflowJob.objects.get(pk=job_id).status == "NOT_STARTED"
    assert not CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).exists()


@pytest.mark.django_db
def test_sweeper_resends_a_lost_message_once(bearer):
    job_id = dispatch(bearer, put(bearer.tenant.pk))  # on_commit never fires in this test: the message is "lost"
    WorkflowJob.objects.filter(pk=job_id).update(available_at=timezone.now() - timedelta(minutes=1))
    assert tasks.sweep() == [job_id]
    assert WorkflowJob.objects.get(pk=job_id).enqueued_at is not None
    assert tasks.sweep() == []


@pytest.mark.django_db
def test_staff_retry_of_a_dead_job_runs_it_again_without_a_second_charge(bearer):
    job_id = dispatch(bearer, photo_key(bearer.tenant.pk))
    WorkflowJob.objects.filter(pk=job_id).update(max_attempts=1)
    jobs.claim(services.KIND, job_id)
    WorkflowJob.objects.filter(pk=job_id).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    services.jobs_reap()
    with pytest.raises(Conflict):
        services.job_cancel(job_id=job_id, actor="admin")
    job = services.job_retry_dead(job_id=job_id)
    assert (job.status, job.attempts, job.error, job.finished_at) == ("NOT_STARTED", 0, None, None)
    assert tasks.run_job(job_id) == "COMPLETED"
    assert CreditEntry.objects.filter(request_id=job_id).count() == 2  # one charge, one refund: the retry is free
    with pytest.raises(Conflict):
        services.job_retry_dead(job_id=job_id)
    assert_ledger_consistent()


@pytest.mark.django_db
def test_run_job_twice_runs_once(bearer):
    job_id = dispatch(bearer, photo_key(bearer.tenant.pk))
    assert tasks.run_job(job_id) == "COMPLETED"
    assert tasks.run_job(job_id) is None
    assert WorkflowJob.objects.get(pk=job_id).attempts == 1


# --- cancel racing completion --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_cancel_racing_completion_ends_in_one_consistent_state(make_tenant):
    created = make_tenant("Racer", credits=10)
    key = photo_key(created.tenant.pk)
    client = client_for(created)
    outcomes = []
    for delay in (0.0, 0.1, 0.2, 0.4, 1.0):  # cancel lands before, during and after the run
        job_id = dispatch(client, key)
        barrier = threading.Barrier(2)
        cancel_result = {}

        def run(barrier=barrier, job_id=job_id):
            try:
                barrier.wait()
                tasks.run_job(job_id)
            finally:
                connection.close()

        def cancel(barrier=barrier, job_id=job_id, delay=delay, cancel_result=cancel_result):
            try:
                barrier.wait()
                time.sleep(delay)
                services.job_cancel(job_id=job_id, tenant_id=created.tenant.pk)
                cancel_result["ok"] = True
            except Conflict:
                cancel_result["ok"] = False
            finally:
                connection.close()

        threads = [threading.Thread(target=run), threading.Thread(target=cancel)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        job = WorkflowJob.objects.get(pk=job_id)
        refunds = CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).count()
        if cancel_result["ok"]:
            assert job.status == "CANCELLED" and job.result is None and refunds == 1
            _, files = (
                default_storage.listdir(job_prefix(created.tenant.pk, job_id) + "items/")
                if default_storage.exists(job_prefix(created.tenant.pk, job_id) + "items/")
                else ([], [])
            )
            assert files == []
        else:
            assert job.status == "COMPLETED" and job.result["items"] and refunds == 0
        outcomes.append(job.status)
    assert_ledger_consistent()


@pytest.mark.django_db(transaction=True)
def test_a_worker_finishing_while_cancel_holds_the_row_writes_nothing(make_tenant):
    """Cancel's UPDATE holds the row lock; the worker's conditional UPDATE waits, then matches nothing."""
    created = make_tenant("Locker", credits=10)
    job_id = dispatch(client_for(created), put(created.tenant.pk))
    lease = jobs.claim(services.KIND, job_id)
    locked, finished = threading.Event(), {}

    def cancel():
        try:
            with transaction.atomic():
                assert services.job_fail(
                    job_id=job_id, status=JobStatus.CANCELLED, error_type="cancelled", message="by test"
                )
                locked.set()
                time.sleep(0.3)
        finally:
            connection.close()

    def finish():
        try:
            locked.wait()
            started = time.monotonic()
            finished["ok"] = jobs.finish(services.KIND, lease, JobStatus.COMPLETED, result={"items": []})
            finished["waited"] = time.monotonic() - started
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel), threading.Thread(target=finish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert finished["ok"] is False and finished["waited"] > 0.1
    job = WorkflowJob.objects.get(pk=job_id)
    assert job.status == "CANCELLED" and job.result is None
    assert CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.REFUND).count() == 1
    assert_ledger_consistent()


# --- check_ledger --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_check_ledger_reports_a_failed_job_without_refund(bearer):
    job_id = dispatch(bearer, put(bearer.tenant.pk))
    call_command("check_ledger")
    WorkflowJob.objects.filter(pk=job_id).update(status=JobStatus.FAILED)  # a bug that skipped the refund path
    assert job_ledger_problems() == [f"workflow job {job_id} (FAILED): no refund"]
    with pytest.raises(CommandError):
        call_command("check_ledger")


@pytest.mark.django_db
def test_check_ledger_reports_mismatched_amounts(bearer):
    job_id = dispatch(bearer, put(bearer.tenant.pk))
    WorkflowJob.objects.filter(pk=job_id).update(credits_cost=4)  # charged 1 for a cost of 4
    assert job_ledger_problems() == [f"workflow job {job_id}: charged 1 for a cost of 4"]
    WorkflowJob.objects.filter(pk=job_id).update(credits_cost=1)
    with transaction.atomic():  # a refund that does not undo its charge, and one with no charge at all
        billing._ledger_append(tenant_id=bearer.tenant.pk, kind=LedgerKind.REFUND, amount=3, request_id=job_id)
        billing._ledger_append(
            tenant_id=bearer.tenant.pk, kind=LedgerKind.REFUND, amount=2, request_id="01H0000000000000000000000Z"
        )
    assert sorted(job_ledger_problems()) == sorted(
        [
            f"request {job_id}: refund 3 does not undo charge -1",
            "request 01H0000000000000000000000Z: refund without a charge",
        ]
    )
    CreditEntry.objects.filter(request_id=job_id, kind=LedgerKind.CHARGE).update(balance_after=999)
    assert any("balance_after 999 != running sum" in p for p in ledger_mismatches())


@pytest.mark.django_db
def test_check_invariants_reports_workflow_jobs_nothing_will_move(bearer):
    stuck = [dispatch(bearer, put(bearer.tenant.pk, name=f"{n}.jpg")) for n in range(5)]
    long_ago = timezone.now() - timedelta(hours=3)
    WorkflowJob.objects.filter(pk=stuck[0]).update(available_at=long_ago)
    WorkflowJob.objects.filter(pk=stuck[1]).update(status=JobStatus.IN_PROGRESS, lease_expires_at=long_ago)
    WorkflowJob.objects.filter(pk=stuck[2]).update(
        status=JobStatus.IN_PROGRESS, lease_expires_at=None, next_poll_at=None
    )
    WorkflowJob.objects.filter(pk=stuck[3]).update(status=JobStatus.COMPLETED, result=None, finished_at=timezone.now())
    WorkflowJob.objects.filter(pk=stuck[4]).update(status=JobStatus.CANCELLED, finished_at=None)
    from workflows.selectors import workflow_invariant_problems

    problems = workflow_invariant_problems(stale_minutes=60)
    assert f"workflow job {stuck[0]}: not started for over 60 min" in problems
    assert f"workflow job {stuck[1]}: lease expired over 60 min ago and not reaped" in problems
    assert f"workflow job {stuck[2]}: in progress with neither a lease nor a next poll" in problems
    assert f"workflow job {stuck[3]}: completed without result items" in problems
    assert f"workflow job {stuck[4]}: finished without finished_at" in problems
    with pytest.raises(CommandError):
        call_command("check_invariants")


@pytest.mark.django_db
def test_zero_price_workflow_still_has_one_charge_and_one_refund(make_tenant):
    plan = billing.plan_create(name="free", workflow_prices={"extract": 0})
    client = client_for(make_tenant("Free", credits=0, plan=plan))
    job_id = dispatch(client, put(client.tenant.pk))
    services.job_cancel(job_id=job_id, tenant_id=client.tenant.pk)
    assert list(CreditEntry.objects.filter(request_id=job_id).order_by("id").values_list("kind", "amount")) == [
        ("charge", 0),
        ("refund", 0),
    ]
    assert_ledger_consistent()


def test_a_lease_shorter_than_the_task_limit_fails_the_start_up_check(settings):
    from workflows.checks import lease_outlives_the_task

    assert lease_outlives_the_task(None) == []
    settings.WORKFLOW_LEASE_SECONDS = settings.CELERY_TASK_TIME_LIMIT
    assert [e.id for e in lease_outlives_the_task(None)] == ["workflows.E001"]
